using System.Diagnostics;
using TerminologyServer.Import;

namespace TerminologyServer.Api.Cli;

/// <summary>
/// Progress of a long verb on standard error: a bar redrawn in place on a terminal (at most 10 times a second),
/// one line per 10 % when redirected. Thread-safe. Counts say what they count: input bytes are shown as MB of the
/// input files (a <c>.zip</c> or <c>.gz</c> counts compressed), resources as resources.
/// </summary>
public sealed class ConsoleProgress(CommandConsole console, string label) : IProgress<ProgressReport>
{
    private const int Width = 30;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private long lastDraw = -1000;
    private int lastDecile = -1;
    private bool drawn;

    public TimeSpan Elapsed => clock.Elapsed;

    public void Report(ProgressReport value)
    {
        lock (gate)
        {
            var (done, total, unit) = value;
            var fraction = total is > 0 ? Math.Clamp((double)done / total.Value, 0, 1) : (double?)null;
            if (console.Interactive)
            {
                var now = clock.ElapsedMilliseconds;
                if (now - lastDraw < 100 && fraction is not 1)
                {
                    return;
                }

                lastDraw = now;
                drawn = true;
                var bar = fraction is { } f ? new string('#', (int)(f * Width)).PadRight(Width, '.') : new string('.', Width);
                var percent = fraction is { } p ? $"{p * 100,3:0}%" : "    ";
                var count = Count(done, total, unit);
                console.Error.Write($"\r{label} [{bar}] {percent} {count} {clock.Elapsed:mm\\:ss}   ");
                return;
            }

            var decile = fraction is { } d ? (int)(d * 10) : (int)(done / 10_000);
            if (decile != lastDecile)
            {
                lastDecile = decile;
                console.Error.WriteLine(fraction is { } q ? $"{label}: {q * 100:0}% ({Count(done, total, unit)})" : $"{label}: {Count(done, total, unit)}");
            }
        }
    }

    /// <summary>"3.1/12.0 MB of input read" or "120/300 resources".</summary>
    internal static string Count(long done, long? total, ProgressUnit unit) => unit switch
    {
        ProgressUnit.InputBytes => (total is { } t ? $"{Mb(done)}/{Mb(t)}" : Mb(done)) + " MB of input read",
        _ => (total is { } n ? $"{done:N0}/{n:N0}" : $"{done:N0}") + " resources",
    };

    private static string Mb(long bytes) => (bytes / 1_048_576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Ends the bar's line so the summary starts on its own line.</summary>
    public void Finish()
    {
        lock (gate)
        {
            if (drawn)
            {
                console.Error.WriteLine();
                drawn = false;
            }
        }
    }
}
