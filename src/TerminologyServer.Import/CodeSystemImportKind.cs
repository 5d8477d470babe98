using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TerminologyServer.Storage;
using TerminologyServer.Storage.Import;

namespace TerminologyServer.Import;

/// <summary>A kind whose reader yields one code system (ICD-10-CM/PCS, HCPCS, CPT…), stored by the one CodeSystem writer.</summary>
public sealed class CodeSystemImportKind(
    string name, string input, string summary, string versionExample, Func<ImportRequest, ImportedCodeSystem> open,
    int maxFiles = 1, IReadOnlyList<ImportOption>? options = null, bool folder = false, bool versionInInput = false) : ImportKind(name, input, summary)
{
    public override bool InputIsFolder => folder;

    public override bool VersionInInput => versionInInput;

    public override string? VersionExample => versionExample;

    public override int MaxFiles => maxFiles;

    public override IReadOnlyList<ImportOption> Options => options ?? [];

    public override IImport Open(ImportRequest request) => new Opened(open(request));

    private sealed class Opened(ImportedCodeSystem source) : IImport
    {
        public async Task<ImportResult> RunAsync(IServiceProvider services, ImportProgress progress, CancellationToken ct)
        {
            var importer = new CodeSystemImporter(services.GetRequiredService<TerminologyDbContext>(), services.GetRequiredService<TimeProvider>())
            {
                OnBatch = n => progress.Concepts(n),
                KeepHistoryVersions = services.GetService<IOptions<StorageOptions>>()?.Value.HistoryVersions,
            };
            return new Result(await importer.ImportAsync(source, progress.Position, ct));
        }
    }

    private sealed class Result(ImportSummary s) : ImportResult
    {
        public override string Describe(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
            $"{(s.Outcome == WriteOutcome.Unchanged ? "Unchanged (already imported from the same input)" : s.Outcome.ToString())}: CodeSystem/{s.LogicalId} " +
            $"{s.Url}|{s.Version}: {s.Concepts:N0} concepts, {s.Parents:N0} parent links, {s.Properties:N0} properties, {s.Designations:N0} designations in {elapsed.TotalSeconds:0.0} s.");

        public override Parameters ToParameters(TimeSpan elapsed)
        {
            var p = new Parameters();
            p.Add("outcome", new Code(s.Outcome.ToString().ToLowerInvariant()));
            p.Add("id", new FhirString(s.LogicalId));
            p.Add("url", new FhirUri(s.Url));
            p.Add("version", new FhirString(s.Version));
            p.Add("concepts", new Integer(s.Concepts));
            p.Add("parents", new Integer(s.Parents));
            p.Add("properties", new Integer(s.Properties));
            p.Add("designations", new Integer(s.Designations));
            p.Add("seconds", new FhirDecimal(Math.Round((decimal)elapsed.TotalSeconds, 1)));
            return p;
        }
    }
}

/// <summary>The <c>fhir</c> kind: a FHIR npm package (<c>.tgz</c> or folder), a Bundle or resource, or a folder.</summary>
public sealed class FhirImportKind() : ImportKind("fhir", "<package.tgz|bundle|folder>", "imports FHIR resources (NPM package, Bundle, folder)")
{
    public override IImport Open(ImportRequest request) => new Opened(request.Files[0]);

    private sealed class Opened(string path) : IImport
    {
        public async Task<ImportResult> RunAsync(IServiceProvider services, ImportProgress progress, CancellationToken ct) =>
            new Result(path, await services.GetRequiredService<FhirContentImporter>().ImportAsync(path, progress, ct));
    }

    private sealed class Result(string path, FhirImportSummary s) : ImportResult
    {
        public override string Describe(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
            $"Imported {path}: {s.Created} created, {s.Updated} updated, {s.Unchanged} unchanged, {s.Concepts:N0} concepts in code systems; " +
            $"{s.Skipped} skipped ({(s.SkippedTypes.Count == 0 ? "none" : string.Join(", ", s.SkippedTypes))}) in {elapsed.TotalSeconds:0.0} s.");

        public override Parameters ToParameters(TimeSpan elapsed)
        {
            var p = new Parameters();
            p.Add("created", new Integer(s.Created));
            p.Add("updated", new Integer(s.Updated));
            p.Add("unchanged", new Integer(s.Unchanged));
            p.Add("skipped", new Integer(s.Skipped));
            p.Add("concepts", new Integer(s.Concepts));
            return p;
        }
    }
}
