using TerminologyServer.Api.Narratives;
using TerminologyServer.Engine.Narratives;

namespace TerminologyServer.Api.Cli;

/// <summary><c>export narrative &lt;code&gt; [--system &lt;url&gt;]</c>: writes the stored narrative of a code in the document layout.</summary>
internal sealed class ExportNarrativeCommand(NarrativeExporter exporter, CommandConsole console) : ICommand
{
    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var code = args.Positional(0, "code");
        var system = args.Option("system") ?? NarrativeProperties.Cpt;
        args.RejectUnused(1);
        var text = await exporter.ExportAsync(system, code, ct) ?? throw new CommandException($"no narrative is stored for {system}|{code}.");
        await console.Out.WriteAsync(text);
        return 0;
    }
}
