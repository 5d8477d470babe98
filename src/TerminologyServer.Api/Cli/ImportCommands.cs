using System.Diagnostics;
using System.Globalization;
using TerminologyServer.Import;
using TerminologyServer.Storage;
using TerminologyServer.Storage.Import;

namespace TerminologyServer.Api.Cli;

/// <summary>
/// The <c>import icd10cm|icd10pcs|hcpcs|cpt|loinc|rxnorm|ndc</c> verbs: open the files (a bad file or version stops here), stream
/// them into the database in one transaction with a progress bar, print a summary.
/// </summary>
internal abstract class CodeSystemImportCommand(CommandConsole console, TerminologyDbContext db, TimeProvider clock) : ICommand
{
    protected abstract string Kind { get; }

    protected abstract int MaxFiles { get; }

    protected abstract ImportedCodeSystem Open(IReadOnlyList<string> files, CommandArgs args);

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var files = args.Positionals.ToList();
        if (files.Count == 0)
        {
            args.Positional(0, "file");
        }

        foreach (var f in files)
        {
            if (!File.Exists(f) && !Directory.Exists(f))
            {
                throw new CommandException($"{f}: no such file.");
            }
        }

        ImportedCodeSystem source;
        try
        {
            source = Open(files, args);
            args.RejectUnused(MaxFiles);
        }
        catch (ImportException e)
        {
            throw new CommandException(e.Message);
        }

        var stopwatch = Stopwatch.StartNew();
        var progress = new ConsoleProgress(console, $"import {Kind}");
        var position = new ImportPosition();
        var importer = new CodeSystemImporter(db, clock) { OnBatch = _ => progress.Report((position.Bytes, position.TotalBytes)) };
        ImportSummary summary;
        try
        {
            summary = await importer.ImportAsync(source, position, ct);
        }
        catch (ImportException e)
        {
            progress.Finish();
            throw new CommandException($"{e.Message} Nothing was imported.");
        }
        catch (TerminologyServer.Storage.ResourceVersionConflictException e)
        {
            progress.Finish();
            throw new CommandException($"{e.Message} Nothing was imported.");
        }

        progress.Finish();
        console.Out.WriteLine(Describe(summary, stopwatch.Elapsed));
        return 0;
    }

    public static string Describe(ImportSummary s, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{(s.Outcome == WriteOutcome.Unchanged ? "Unchanged (already imported from the same input)" : s.Outcome.ToString())}: CodeSystem/{s.LogicalId} " +
        $"{s.Url}|{s.Version}: {s.Concepts:N0} concepts, {s.Parents:N0} parent links, {s.Properties:N0} properties, {s.Designations:N0} designations in {elapsed.TotalSeconds:0.0} s.");
}

internal sealed class ImportIcd10CmCommand(CommandConsole console, TerminologyDbContext db, TimeProvider clock) : CodeSystemImportCommand(console, db, clock)
{
    protected override string Kind => "icd10cm";

    protected override int MaxFiles => 1;

    protected override ImportedCodeSystem Open(IReadOnlyList<string> files, CommandArgs args)
    {
        var tabular = args.Option("tabular");
        if (tabular is not null && !File.Exists(tabular))
        {
            throw new CommandException($"{tabular}: no such file.");
        }

        return Icd10Cm.Open(files[0], args.Option("version"), tabular);
    }
}

internal sealed class ImportIcd10PcsCommand(CommandConsole console, TerminologyDbContext db, TimeProvider clock) : CodeSystemImportCommand(console, db, clock)
{
    protected override string Kind => "icd10pcs";

    protected override int MaxFiles => 1;

    protected override ImportedCodeSystem Open(IReadOnlyList<string> files, CommandArgs args) => Icd10Pcs.Open(files[0], args.Option("version"));
}

internal sealed class ImportHcpcsCommand(CommandConsole console, TerminologyDbContext db, TimeProvider clock) : CodeSystemImportCommand(console, db, clock)
{
    protected override string Kind => "hcpcs";

    protected override int MaxFiles => 1;

    protected override ImportedCodeSystem Open(IReadOnlyList<string> files, CommandArgs args) => Hcpcs.Open(files[0], args.Option("version"));
}

internal sealed class ImportCptCommand(CommandConsole console, TerminologyDbContext db, TimeProvider clock) : CodeSystemImportCommand(console, db, clock)
{
    protected override string Kind => "cpt";

    protected override int MaxFiles => int.MaxValue;

    protected override ImportedCodeSystem Open(IReadOnlyList<string> files, CommandArgs args) => Cpt.Open(files, args.Option("version"));
}

internal sealed class ImportLoincCommand(CommandConsole console, TerminologyDbContext db, TimeProvider clock) : CodeSystemImportCommand(console, db, clock)
{
    protected override string Kind => "loinc";

    protected override int MaxFiles => 1;

    protected override ImportedCodeSystem Open(IReadOnlyList<string> files, CommandArgs args) => TerminologyServer.Import.Loinc.Loinc.Open(files[0], args.Option("version"));
}

internal sealed class ImportRxNormCommand(CommandConsole console, TerminologyDbContext db, TimeProvider clock) : CodeSystemImportCommand(console, db, clock)
{
    protected override string Kind => "rxnorm";

    protected override int MaxFiles => 1;

    protected override ImportedCodeSystem Open(IReadOnlyList<string> files, CommandArgs args) => TerminologyServer.Import.RxNorm.RxNorm.Open(files[0], args.Option("version"));
}

internal sealed class ImportNdcCommand(CommandConsole console, TerminologyDbContext db, TimeProvider clock) : CodeSystemImportCommand(console, db, clock)
{
    protected override string Kind => "ndc";

    protected override int MaxFiles => 1;

    protected override ImportedCodeSystem Open(IReadOnlyList<string> files, CommandArgs args) => TerminologyServer.Import.Ndc.Ndc.Open(files[0], args.Option("version"));
}

/// <summary>The <c>import fhir</c> verb: a FHIR NPM package, a Bundle or resource, or a folder, in one transaction.</summary>
internal sealed class ImportFhirCommand(CommandConsole console, FhirContentImporter importer) : ICommand
{
    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.Positional(0, "package-or-bundle-or-folder");
        args.RejectUnused(1);
        var stopwatch = Stopwatch.StartNew();
        var progress = new ConsoleProgress(console, "import fhir");
        FhirImportSummary s;
        try
        {
            s = await importer.ImportAsync(path, progress, ct);
        }
        catch (ImportException e)
        {
            progress.Finish();
            throw new CommandException($"{e.Message} Nothing was imported.");
        }
        catch (TerminologyServer.Storage.ResourceVersionConflictException e)
        {
            progress.Finish();
            throw new CommandException($"{e.Message} Nothing was imported.");
        }

        progress.Finish();
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {path}: {s.Created} created, {s.Updated} updated, {s.Unchanged} unchanged, {s.Concepts:N0} concepts in code systems; " +
            $"{s.Skipped} skipped ({(s.SkippedTypes.Count == 0 ? "none" : string.Join(", ", s.SkippedTypes))}) in {stopwatch.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
