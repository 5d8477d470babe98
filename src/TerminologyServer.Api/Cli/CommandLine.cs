using TerminologyServer.Storage;

namespace TerminologyServer.Api.Cli;

/// <summary>A command-line verb: its words (<c>import icd10cm</c>), its usage line and the class that runs it.</summary>
public sealed record CommandInfo(string Name, string Usage, string Summary, Type Type, params string[] Flags)
{
    public string[] Words { get; } = Name.Split(' ');
}

/// <summary>
/// Finds and runs the verbs of the server (<c>dotnet run --project src/TerminologyServer.Api -- import icd10cm file</c>).
/// A verb runs against the configured database (migrated first) and exits; 0 = done, 1 = failed, 2 = wrong usage.
/// </summary>
public static class CommandLine
{
    /// <summary>Every verb; one line per verb.</summary>
    public static readonly IReadOnlyList<CommandInfo> Commands =
    [
        new("help", "help", "lists the commands", typeof(HelpCommand)),
        new("import icd10cm", "import icd10cm <order-file> [--version 2026|FY2026] [--tabular <xml>]", "imports ICD-10-CM from the CMS order file", typeof(ImportIcd10CmCommand)),
        new("import icd10pcs", "import icd10pcs <order-file> [--version 2026]", "imports ICD-10-PCS from the CMS order file", typeof(ImportIcd10PcsCommand)),
        new("import hcpcs", "import hcpcs <alpha-numeric-file> [--version 2025-01]", "imports HCPCS Level II from the CMS file", typeof(ImportHcpcsCommand)),
        new("import cpt", "import cpt <folder-or-files...> [--version 2026]", "imports CPT from AMA licensee files", typeof(ImportCptCommand)),
        new("import loinc", "import loinc <folder-or-zip> [--version 2.81]", "imports LOINC from a release folder (Loinc.csv and accessory files)", typeof(ImportLoincCommand)),
        new("import rxnorm", "import rxnorm <folder-or-zip> [--version 25AA_250707F]", "imports RxNorm from the RRF files (RXNCONSO, RXNREL, RXNSAT, RXNSAB, RXNCUI, RXNSTY)", typeof(ImportRxNormCommand)),
        new("import ndc", "import ndc <folder-or-zip> [--version 20250711]", "imports NDC from the FDA directory files (product.txt, package.txt)", typeof(ImportNdcCommand)),
        new("import fhir", "import fhir <package.tgz|bundle|folder>", "imports FHIR resources (NPM package, Bundle, folder)", typeof(ImportFhirCommand)),
        new("import narratives", "import narratives <file-or-folder>", "imports procedure narratives (.txt/.md) into the code system's narrative supplement and PlanDefinitions", typeof(ImportNarrativesCommand)),
        new("export narrative", "export narrative <code> [--system <url>]", "prints the stored narrative of a code (default system CPT)", typeof(ExportNarrativeCommand)),
    ];

    private static readonly HashSet<string> FirstWords = new(Commands.Select(c => c.Words[0]), StringComparer.OrdinalIgnoreCase);

    /// <summary>The verb named by <paramref name="args"/>; an unknown second word of a known verb gives <c>help</c>.</summary>
    public static CommandInfo? Find(string[] args)
    {
        var words = args.Where(a => !IsConfiguration(a)).ToArray();
        if (words.Length == 0 || !FirstWords.Contains(words[0]))
        {
            return words.Length > 0 && words[0] is "--help" or "-h" ? Commands[0] : null;
        }

        return Commands
            .Where(c => c.Words.Length <= words.Length && c.Words.Select((w, i) => w.Equals(words[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            .OrderByDescending(c => c.Words.Length)
            .FirstOrDefault() ?? Commands[0];
    }

    /// <summary>The arguments that configure the host (<c>--Storage:Provider=PostgreSql</c>); a verb gets the others.</summary>
    public static string[] ConfigurationArgs(string[] args) => args.Where(IsConfiguration).ToArray();

    private static bool IsConfiguration(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq && eq > 0 && arg.AsSpan(2, eq - 2).Contains(':');

    /// <summary>Migrates the database, then runs <paramref name="command"/> with the arguments after its words.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CommandInfo command, string[] args, CommandConsole? console = null, CancellationToken ct = default)
    {
        console ??= CommandConsole.System;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var rest = args.Where(a => !IsConfiguration(a)).Skip(command.Words.Length).ToArray();
            var parsed = CommandArgs.Parse(rest, command.Flags);
            using var scope = services.CreateScope();
            if (command.Type != typeof(HelpCommand))
            {
                await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<TerminologyDbContext>(), cancel.Token);
            }

            var instance = (ICommand)ActivatorUtilities.CreateInstance(scope.ServiceProvider, command.Type, console);
            return await instance.RunAsync(parsed, cancel.Token);
        }
        catch (CommandException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            if (e.ExitCode == CommandException.Usage)
            {
                console.Error.WriteLine($"usage: {command.Usage}");
            }

            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled; nothing was changed by the unfinished step.");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}

/// <summary>A verb. Constructed per run with its services and the <see cref="CommandConsole"/>.</summary>
public interface ICommand
{
    Task<int> RunAsync(CommandArgs args, CancellationToken ct);
}

/// <summary>A failure to report as one line and an exit code (2 = wrong usage, 1 = the work failed).</summary>
public sealed class CommandException(string message, int exitCode = CommandException.Failed) : Exception(message)
{
    public const int Failed = 1, Usage = 2;

    public int ExitCode { get; } = exitCode;
}

/// <summary>Where a verb writes: standard output for results, standard error for progress and errors.</summary>
public sealed class CommandConsole(TextWriter output, TextWriter error, bool interactive)
{
    public static CommandConsole System => new(Console.Out, Console.Error, !Console.IsErrorRedirected);

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when standard error is a terminal: progress is drawn as a bar in place, else as occasional lines.</summary>
    public bool Interactive { get; } = interactive;
}

internal sealed class HelpCommand(CommandConsole console) : ICommand
{
    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        console.Out.WriteLine("usage: TerminologyServer.Api [verb] [arguments] [--Section:Key=value ...]");
        console.Out.WriteLine("Without a verb the server starts. Verbs:");
        var width = CommandLine.Commands.Max(c => c.Usage.Length);
        foreach (var c in CommandLine.Commands)
        {
            console.Out.WriteLine($"  {c.Usage.PadRight(width)}  {c.Summary}");
        }

        return Task.FromResult(0);
    }
}
