using TerminologyServer.Import;

namespace TerminologyServer.Api.Cli;

/// <summary>
/// The <c>import &lt;kind&gt;</c> verbs, one per entry of <see cref="ImportKinds.All"/>: open the input (a bad file,
/// version or option stops here), store it in one transaction with a progress bar, print a summary.
/// </summary>
internal sealed class ImportCommand(CommandConsole console, ImportKind kind, IServiceProvider services) : ICommand
{
    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var files = args.Positionals.ToList();
        if (files.Count == 0)
        {
            args.Positional(0, kind.Input.Trim('<', '>', '.'));
        }

        var version = kind.VersionExample is null ? null : args.Option("version");
        var options = kind.Options.Select(o => (o.Name, Value: args.Option(o.Name)))
            .Where(o => o.Value is not null)
            .ToDictionary(o => o.Name, o => o.Value!, StringComparer.Ordinal);
        args.RejectUnused(kind.MaxFiles);
        var import = ImportRunner.Open(kind, new ImportRequest(files, version, options));
        var progress = new ConsoleProgress(console, $"import {kind.Name}");
        (ImportResult Result, TimeSpan Elapsed) done;
        try
        {
            done = await ImportRunner.RunAsync(import, services, new ImportProgress(progress), ct);
        }
        finally
        {
            progress.Finish();
        }

        console.Out.WriteLine(done.Result.Describe(done.Elapsed));
        return 0;
    }
}
