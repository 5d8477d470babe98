using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Storage;
using TerminologyServer.Storage.Snomed;

namespace TerminologyServer.Import.Snomed;

/// <summary>
/// <c>import snomed &lt;rf2-zip-or-folder&gt; [--edition URI]</c> and <c>$import?kind=snomed[&amp;edition=URI]</c>: the RF2
/// snapshot is read and checked whole (a bad line stops it, nothing stored), then stored as one edition in one transaction.
/// </summary>
public sealed class SnomedImportKind() : ImportKind("snomed", "<rf2-zip-or-folder>", "imports a SNOMED CT edition from its RF2 snapshot")
{
    public override IReadOnlyList<ImportOption> Options { get; } = [new ImportOption("edition", "http://snomed.info/sct/{module}/version/{yyyymmdd}")];

    // The release zip is read in place (its folders say which files are snapshots), entry by entry.
    public override IImport Open(ImportRequest request) => new Opened(SnomedRelease.Open(request.Files[0], request.Option("edition")));

    private sealed class Opened(SnomedRelease release) : IImport
    {
        public async Task<ImportResult> RunAsync(IServiceProvider services, ImportProgress progress, CancellationToken ct)
        {
            SnomedImportSummary s;
            using (new Timer(_ => progress.ReportRead(), null, 0, 500))
            {
                s = await services.GetRequiredService<SnomedStore>().ImportAsync(release, progress.Position, ct);
            }

            progress.Concepts(s.Concepts);
            return new Result(s);
        }
    }

    private sealed class Result(SnomedImportSummary s) : ImportResult
    {
        public override string Describe(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
            $"{(s.Outcome == WriteOutcome.Unchanged ? "Unchanged (already imported from the same files)" : s.Outcome.ToString())}: SNOMED CT {s.Uri}: " +
            $"{s.Concepts:N0} concepts, {s.Descriptions:N0} descriptions, {s.Relationships:N0} active inferred relationships, {s.RefsetMembers:N0} refset members in {elapsed.TotalSeconds:0.0} s.");

        public override Parameters ToParameters(TimeSpan elapsed)
        {
            var p = new Parameters();
            p.Add("outcome", new Code(s.Outcome.ToString().ToLowerInvariant()));
            p.Add("url", new FhirUri(Engine.Snomed.SnomedVersion.SystemUrl));
            p.Add("version", new FhirString(s.Uri));
            p.Add("concepts", new Integer(s.Concepts));
            p.Add("descriptions", new Integer(s.Descriptions));
            p.Add("relationships", new Integer(s.Relationships));
            p.Add("refsetMembers", new Integer(s.RefsetMembers));
            p.Add("seconds", new FhirDecimal(Math.Round((decimal)elapsed.TotalSeconds, 1)));
            return p;
        }
    }
}
