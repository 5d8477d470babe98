using Hl7.Fhir.Model;
using TerminologyServer.Import.Snomed;
using TerminologyServer.Storage.Snomed;

namespace TerminologyServer.Api.Imports;

/// <summary>The background work of <c>POST CodeSystem/$import?kind=snomed[&amp;edition=URI]</c> (a zip of an RF2 release as body).</summary>
internal static class SnomedImport
{
    public static Func<IServiceProvider, ImportJob, CancellationToken, Task<Parameters>> Work(SnomedRelease release) => async (services, job, ct) =>
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var s = await services.GetRequiredService<SnomedStore>().ImportAsync(release, job.Position, ct);
        job.Written = s.Concepts;
        var p = new Parameters();
        p.Add("outcome", new Code(s.Outcome.ToString().ToLowerInvariant()));
        p.Add("url", new FhirUri(Engine.Snomed.SnomedVersion.SystemUrl));
        p.Add("version", new FhirString(s.Uri));
        p.Add("concepts", new Integer(s.Concepts));
        p.Add("descriptions", new Integer(s.Descriptions));
        p.Add("relationships", new Integer(s.Relationships));
        p.Add("refsetMembers", new Integer(s.RefsetMembers));
        p.Add("seconds", new FhirDecimal(Math.Round((decimal)started.Elapsed.TotalSeconds, 1)));
        return p;
    };
}
