using System.Diagnostics;
using System.Globalization;
using TerminologyServer.Import;
using TerminologyServer.Import.Snomed;
using TerminologyServer.Storage;
using TerminologyServer.Storage.Snomed;

namespace TerminologyServer.Api.Cli;

/// <summary>
/// The <c>import snomed &lt;zip|folder&gt; [--edition URI]</c> verb: reads and checks the RF2 snapshot (a bad line stops
/// it, nothing stored), stores the edition in one transaction with a progress bar, prints a summary.
/// </summary>
internal sealed class ImportSnomedCommand(CommandConsole console, SnomedStore store) : ICommand
{
    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.Positional(0, "rf2-zip-or-folder");
        var edition = args.Option("edition");
        args.RejectUnused(1);
        var stopwatch = Stopwatch.StartNew();
        var progress = new ConsoleProgress(console, "import snomed");
        var position = new ImportPosition();
        SnomedImportSummary s;
        try
        {
            var release = SnomedRelease.Open(path, edition);
            using var timer = new Timer(_ => progress.Report((position.Bytes, position.TotalBytes)), null, 0, 500);
            s = await store.ImportAsync(release, position, ct);
        }
        catch (ImportException e)
        {
            progress.Finish();
            throw new CommandException($"{e.Message} Nothing was imported.");
        }

        progress.Finish();
        console.Out.WriteLine(Describe(s, stopwatch.Elapsed));
        return 0;
    }

    public static string Describe(SnomedImportSummary s, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{(s.Outcome == WriteOutcome.Unchanged ? "Unchanged (already imported from the same files)" : s.Outcome.ToString())}: SNOMED CT {s.Uri}: " +
        $"{s.Concepts:N0} concepts, {s.Descriptions:N0} descriptions, {s.Relationships:N0} active inferred relationships, {s.RefsetMembers:N0} refset members in {elapsed.TotalSeconds:0.0} s.");
}
