using System.Net;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Import;
using TerminologyServer.Storage;
using TerminologyServer.Storage.Import;

namespace TerminologyServer.Api.Tests.Import;

/// <summary>The real files imported by the CLI and the HTTP route, then read through the terminology operations.</summary>
public abstract class ImportApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ImportedContentFixture
{
    private ImportedContentFixture F => fixture;

    private ApiFixture Api => F.Api;

    private HttpClient Client => Api.Client;

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheIcd10CmOrderFile_WhenImportedByTheCli_ThenASummaryIsPrintedAndCountsEqualTheReadme()
    {
        Api.SkipIfUnavailable();
        var (exit, output, _) = F.Icd2026Cli;
        Assert.Equal(0, exit);
        Assert.Contains("Created: CodeSystem/icd-10-cm-2026 http://hl7.org/fhir/sid/icd-10-cm|2026: 98,186 concepts", output, StringComparison.Ordinal);
        Assert.Contains("98,186 designations", output, StringComparison.Ordinal);

        Assert.Equal(98_186, await ConceptCountAsync("icd-10-cm-2026"));
        if (F.BothIcdYears)
        {
            Assert.Equal(97_584, await ConceptCountAsync("icd-10-cm-2025"));
        }

        Assert.Equal(80_029, await ConceptCountAsync("icd-10-pcs-2026"));
        Assert.Equal(8_259 + 383, await ConceptCountAsync("hcpcs-2025-01"));
        var hcpcs = Api.Factory.Services.GetRequiredService<CodeSystemRegistry>().Get("hcpcs-2025-01")!;
        Assert.Equal(1_145, hcpcs.Concepts.Count(c => c.IsInactive && c.Code.Length == 5));
        Assert.Equal(74_719, Api.Factory.Services.GetRequiredService<CodeSystemRegistry>().Get("icd-10-cm-2026")!.Concepts.Count(c => !c.IsAbstract));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnAsyncHttpImport_WhenPolled_ThenItAnswers202WithProgressThen200WithTheSummary()
    {
        Api.SkipIfUnavailable();
        var accepted = F.AsyncAccepted;
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Contains("/fhir/$import-status/", accepted.Content.Headers.ContentLocation!.ToString(), StringComparison.Ordinal);
        var polls = F.AsyncPolls;
        Assert.Equal(HttpStatusCode.OK, polls[^1].StatusCode);
        Assert.All(polls.Where(p => p.StatusCode == HttpStatusCode.Accepted), p => Assert.Matches(@"^\d+% \(", p.Headers.GetValues("X-Progress").Single()));
        var result = F.AsyncResult;
        Assert.Equal("created", result.Value("outcome"));
        Assert.Equal(F.AsyncImported, result.Value("id"));
        Assert.Equal(F.BothIcdYears ? "97584" : "80029", result.Value("concepts"));

        var pcs = F.PcsResult;
        Assert.Equal("80029", pcs.Value("concepts"));
        Assert.Equal(Icd10Pcs.Url, pcs.Value("url"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenFy2025AndFy2026_WhenLookedUp_ThenVersionPicksOneAndTheLatestIsTheDefault()
    {
        Api.SkipIfUnavailable();
        Skip.IfNot(F.BothIcdYears, "FY2025 is imported in the SQLite run only.");
        var latest = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Icd10Cm.Url}&code=B88.01"));
        Assert.Equal("2026", latest.Value("version"));
        Assert.Equal("Infestation by Demodex mites", latest.Value("display"));

        var old = await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Icd10Cm.Url}&version=2025&code=B88.01");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        var a000 = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Icd10Cm.Url}&version=2025&code=A00.0"));
        Assert.Equal("2025", a000.Value("version"));
        Assert.Equal("Cholera due to Vibrio cholerae 01, biovar cholerae", a000.Value("display"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenHcpcs_WhenValidated_ThenActiveCodesAreValidAndTerminatedOnesAreFlaggedInactive()
    {
        Api.SkipIfUnavailable();
        var active = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Hcpcs.Url}&code=J9035"));
        Assert.Equal("true", active.Value("result"));
        Assert.Equal("Injection, bevacizumab, 10 mg", active.Value("display"));

        var terminated = Api.Factory.Services.GetRequiredService<CodeSystemRegistry>().Get("hcpcs-2025-01")!.Concepts.First(c => c.IsInactive).Code;
        var inactive = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Hcpcs.Url}&code={terminated}"));
        Assert.Equal("true", inactive.Value("inactive"));

        var pcs = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Icd10Pcs.Url}&code=0016070"));
        Assert.Equal("true", pcs.Value("result"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheIcdHierarchy_WhenExpandedWithIsA_ThenDescendantsAndOnlyThemAreReturned()
    {
        Api.SkipIfUnavailable();
        var expansion = await ExpandAsync(new ValueSet.FilterComponent { Property = "concept", Op = FilterOperator.IsA, Value = "S00.0" });
        var codes = Flatten(expansion.Expansion.Contains).Select(c => c.Code).ToList();
        Assert.Contains("S00.0", codes);
        Assert.Contains("S00.00XA", codes);
        Assert.DoesNotContain(codes, c => !c.StartsWith("S00.0", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenIcd10Cm_WhenExpandedWithATextFilter_ThenMatchingDisplaysAreReturned()
    {
        Api.SkipIfUnavailable();
        var vs = new ValueSet { Status = PublicationStatus.Active, Compose = new ValueSet.ComposeComponent() };
        vs.Compose.Include.Add(new ValueSet.ConceptSetComponent { System = Icd10Cm.Url });
        var p = new Parameters();
        p.Add("valueSet", vs);
        p.Add("filter", new FhirString("cholera"));
        var expansion = await Wire.ReadAsync<ValueSet>(await Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(p)));
        var codes = Flatten(expansion.Expansion.Contains).Select(c => c.Code).ToList();
        Assert.Contains("A00.0", codes);
        Assert.All(Flatten(expansion.Expansion.Contains), c => Assert.Contains("cholera", c.Display, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTwoIcdCodes_WhenSubsumesIsAsked_ThenTheHierarchyAnswers()
    {
        Api.SkipIfUnavailable();
        var result = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$subsumes?system={Icd10Cm.Url}&codeA=S00&codeB=S00.00XA"));
        Assert.Equal("subsumes", result.Value("outcome"));
        var none = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$subsumes?system={Icd10Cm.Url}&codeA=A00&codeB=S00.00XA"));
        Assert.Equal("not-subsumed", none.Value("outcome"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheSameFile_WhenImportedAgain_ThenNothingChanges()
    {
        Api.SkipIfUnavailable();
        var before = await MaxChangeSeqAsync();
        var (exit, output, _) = await F.RunCliAsync("import", "hcpcs", SharedData.Hcpcs2025);
        Assert.Equal(0, exit);
        Assert.StartsWith("Unchanged", output, StringComparison.Ordinal);
        Assert.Equal(before, await MaxChangeSeqAsync());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAReaderFailingHalfWay_WhenImported_ThenThePreviousStateIsUntouched()
    {
        Api.SkipIfUnavailable();
        var real = Icd10Cm.Open(SharedData.Icd10Cm2026);
        var before = await MaxChangeSeqAsync();
        var replacing = new ImportedCodeSystem(real.Header, new string('A', 64), real.Files, p => FailAfter(real.ReadConcepts(p), 30_000));
        var brandNew = Icd10Cm.Open(SharedData.Icd10Cm2026, "2099");
        var failingNew = new ImportedCodeSystem(brandNew.Header, brandNew.SourceHash, brandNew.Files, p => FailAfter(brandNew.ReadConcepts(p), 30_000));

        using (var scope = Api.Factory.Services.CreateScope())
        {
            var importer = new CodeSystemImporter(scope.ServiceProvider.GetRequiredService<TerminologyDbContext>(), TimeProvider.System) { BatchSize = 5_000 };
            await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(replacing));
            await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(failingNew));
        }

        Assert.Equal(98_186, await ConceptCountAsync("icd-10-cm-2026"));
        Assert.Equal(98_186, await RowCountAsync("icd-10-cm-2026"));
        Assert.Null(await ConceptCountAsync("icd-10-cm-2099"));
        Assert.Equal(before, await MaxChangeSeqAsync());
        var lookup = await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Icd10Cm.Url}&code=Z99.89");
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenGeneratedCptFiles_WhenImported_ThenCodesModifiersAndDeletedCodesAppearWithHl7Properties()
    {
        Api.SkipIfUnavailable();
        Assert.Equal(0, F.CptCli.Exit);
        Assert.Equal(F.Cpt.ConceptCount, await ConceptCountAsync("cpt-2026"));
        var imported = await Wire.ReadAsync<CodeSystem>(await Client.GetAsync("/fhir/CodeSystem/cpt-2026?_summary=true"));
        var shipped = FhirJson.Deserialize<CodeSystem>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fhir-resources", "CodeSystem-cpt.json")));
        Assert.Equal(shipped.Property.Select(p => (p.Code, p.Type, p.Uri, p.Description)), imported.Property.Select(p => (p.Code, p.Type, p.Uri, p.Description)));

        var deleted = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={TerminologyServer.Import.Cpt.Url}&code={F.Cpt.Deleted[0]}"));
        Assert.Equal("true", deleted.Value("inactive"));
        var modifier = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={TerminologyServer.Import.Cpt.Url}&code=P1&property=kind"));
        Assert.Equal("2026", modifier.Value("version"));
        Assert.Contains(modifier.Parameter, p => p.Name == "property" && p.Part.Any(x => x.Value is Code { Value: "physical-status" }));
    }

    private static IEnumerable<ValueSet.ContainsComponent> Flatten(IEnumerable<ValueSet.ContainsComponent> contains) =>
        contains.SelectMany(c => Flatten(c.Contains).Prepend(c));

    private static IEnumerable<ImportedConcept> FailAfter(IEnumerable<ImportedConcept> concepts, int n)
    {
        var i = 0;
        foreach (var c in concepts)
        {
            if (++i > n)
            {
                throw new ImportException("simulated failure half-way", "test", i);
            }

            yield return c;
        }
    }

    private async Task<ValueSet> ExpandAsync(ValueSet.FilterComponent filter)
    {
        var vs = new ValueSet { Status = PublicationStatus.Active, Compose = new ValueSet.ComposeComponent() };
        vs.Compose.Include.Add(new ValueSet.ConceptSetComponent { System = Icd10Cm.Url, Filter = [filter] });
        var p = new Parameters();
        p.Add("valueSet", vs);
        return await Wire.ReadAsync<ValueSet>(await Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(p)));
    }

    private async Task<int?> ConceptCountAsync(string id)
    {
        using var scope = Api.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminologyDbContext>();
        return (await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.ResourceType == "CodeSystem" && r.LogicalId == id))?.ConceptCount;
    }

    private async Task<int> RowCountAsync(string id)
    {
        using var scope = Api.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminologyDbContext>();
        var key = await db.Resources.Where(r => r.ResourceType == "CodeSystem" && r.LogicalId == id).Select(r => r.Key).SingleAsync();
        return await db.Concepts.CountAsync(c => c.ResourceKey == key);
    }

    private async Task<long> MaxChangeSeqAsync()
    {
        using var scope = Api.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TerminologyDbContext>().Changes.MaxAsync(c => c.Seq);
    }
}

public sealed class SqliteImportApiTests(ImportedSqliteFixture fixture) : ImportApiTests<ImportedSqliteFixture>(fixture);

public sealed class PostgresImportApiTests(ImportedPostgresFixture fixture) : ImportApiTests<ImportedPostgresFixture>(fixture);
