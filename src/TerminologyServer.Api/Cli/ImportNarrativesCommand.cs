using TerminologyServer.Api.Narratives;
using TerminologyServer.Import;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Cli;

/// <summary>
/// <c>import narratives &lt;file-or-folder&gt;</c>: imports procedure narratives (<c>.txt</c>/<c>.md</c>), one line per
/// file and a summary. Each document lands whole or not at all; the others still load; exit 1 when any failed.
/// </summary>
internal sealed class ImportNarrativesCommand(NarrativeImporter importer, CommandConsole console) : ICommand
{
    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.Positional(0, "file-or-folder");
        args.RejectUnused(1);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new CommandException($"'{path}' is neither a file nor a folder.");
        }

        var results = await importer.ImportPathAsync(path, ct);
        foreach (var r in results)
        {
            console.Out.WriteLine(r.Result is { } ok
                ? $"{Path.GetFileName(r.File)}: {ok.System}|{ok.Code} {Describe(ok)}"
                : $"{Path.GetFileName(r.File)}: FAILED {r.Error}");
        }

        var failed = results.Count(r => r.Error is not null);
        var changed = results.Count(r => r.Result?.Changed == true);
        console.Out.WriteLine($"{results.Count} documents: {changed} created or updated, {results.Count - failed - changed} unchanged, {failed} failed.");
        return failed == 0 ? 0 : CommandException.Failed;
    }

    private static string Describe(NarrativeImportResult r) =>
        $"CodeSystem/{r.Supplement.Id} {Word(r.SupplementOutcome)}, PlanDefinition/{r.PlanDefinition.Id} {Word(r.PlanDefinitionOutcome)}";

    private static string Word(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Created => "created",
        WriteOutcome.Updated => "updated",
        _ => "unchanged",
    };
}
