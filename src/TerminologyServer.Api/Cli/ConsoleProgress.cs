using System.Diagnostics;

namespace TerminologyServer.Api.Cli;

/// <summary>
/// Progress of a long verb on standard error: a bar redrawn in place on a terminal (at most 10 times a second),
/// one line per 10 % when redirected. Thread-safe; usable as an <see cref="IProgress{T}"/> of (done, total).
/// </summary>
public sealed class ConsoleProgress(CommandConsole console, string label) : IProgress<(long Done, long? Total)>
{
    private const int Width = 30;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private long lastDraw = -1000;
    private int lastDecile = -1;
    private bool drawn;

    public TimeSpan Elapsed => clock.Elapsed;

    public void Report((long Done, long? Total) value)
    {
        lock (gate)
        {
            var (done, total) = value;
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
                var count = total is { } t ? $"{done:N0}/{t:N0}" : $"{done:N0}";
                console.Error.Write($"\r{label} [{bar}] {percent} {count} {clock.Elapsed:mm\\:ss}   ");
                return;
            }

            var decile = fraction is { } d ? (int)(d * 10) : (int)(done / 10_000);
            if (decile != lastDecile)
            {
                lastDecile = decile;
                console.Error.WriteLine(fraction is { } q ? $"{label}: {q * 100:0}% ({done:N0}/{total:N0})" : $"{label}: {done:N0}");
            }
        }
    }

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
