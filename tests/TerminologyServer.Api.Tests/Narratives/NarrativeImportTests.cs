using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Cli;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Engine.Narratives;
using TerminologyServer.Storage;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Api.Tests.Narratives;

/// <summary>Bad documents over HTTP, the command-line verbs, atomic writes and the $lookup switch (SQLite).</summary>
public sealed class NarrativeImportTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static string Seed => NarrativeApiTests<SqliteFixture>.Seed;

    public static TheoryData<string, string, HttpStatusCode, string> BadDocuments()
    {
        var seed = Seed.Replace("CPT4 code\n", "CPT4 code: 72132\n", StringComparison.Ordinal);
        return new()
        {
            { "no title", "Summary\n\nA test.\n", HttpStatusCode.BadRequest, "NARRATIVE_NO_TITLE" },
            { "unknown heading", seed.Replace("Alternatives\n", "Aftercare\n\nRest.\n\nAlternatives\n", StringComparison.Ordinal), HttpStatusCode.BadRequest, "NARRATIVE_UNKNOWN_HEADING" },
            { "duplicated heading", seed.Replace("Benefits\n", "Purpose\n\nAgain.\n\nBenefits\n", StringComparison.Ordinal), HttpStatusCode.BadRequest, "NARRATIVE_DUPLICATE_HEADING" },
            { "empty section", seed.Replace("Setting\n\nEpidurography is usually performed in a hospital radiology department or an outpatient imaging center.\n", "Setting\n", StringComparison.Ordinal), HttpStatusCode.BadRequest, "NARRATIVE_EMPTY_SECTION" },
            { "unknown code", seed.Replace("72132", "99999", StringComparison.Ordinal), HttpStatusCode.BadRequest, "NARRATIVE_UNKNOWN_CODE" },
            { "too large", seed + new string('x', 300 * 1024), HttpStatusCode.RequestEntityTooLarge, "" },
        };
    }

    [SkippableTheory]
    [MemberData(nameof(BadDocuments))]
    public async System.Threading.Tasks.Task GivenABadDocument_WhenImportedOverHttp_Then4xxNamingTheLineAndNothingStored(string _, string document, HttpStatusCode status, string messageId)
    {
        var before = await SupplementVersion();

        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import-narrative?source=bad.txt", new StringContent(document, Encoding.UTF8, "text/plain"));

        Assert.Equal(status, response.StatusCode);
        var issue = (await Wire.ReadOutcomeAsync(response)).Issue.Single();
        if (messageId.Length > 0)
        {
            Assert.Equal(messageId, issue.GetStringExtension("http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id"));
            Assert.StartsWith("bad.txt", issue.Diagnostics, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SupplementVersion());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/fhir/PlanDefinition/cpt-72132")).StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenLatin1Text_WhenImportedOverHttp_ThenNotUtf8()
    {
        var body = new ByteArrayContent(Encoding.Latin1.GetBytes("Caf\u00e9 procedure\n\nSummary\n\nA test.\n"));
        body.Headers.ContentType = new("text/plain");

        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import-narrative", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 1: The document is not UTF-8", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAFolderWithOneBadDocument_WhenImportedByTheCli_ThenTheOthersLoadAndTheExitCodeIsOne()
    {
        var folder = Directory.CreateTempSubdirectory("narratives-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "a-72141.txt"), Seed.Replace("CPT4 code\n", "CPT4 code: 72141\n", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(folder, "b-bad.txt"), Seed.Replace("Alternatives\n", "Aftercare\n\nRest.\n\nAlternatives\n", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(folder, "c-72146.md"), "# MRI of the mid-back\n\nCode: 72146\n\n## Summary\n\nA test of the Markdown variant.\n");
        var (exit, output, _) = await Run("import", "narratives", folder);

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("a-72141.txt: http://www.ama-assn.org/go/cpt|72141 CodeSystem/cpt-narratives updated, PlanDefinition/cpt-72141 created", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("b-bad.txt: FAILED b-bad.txt, line ", lines[1], StringComparison.Ordinal);
        Assert.Equal("3 documents: 2 created or updated, 0 unchanged, 1 failed.", lines[3]);
        var supplement = Assert.IsType<CodeSystem>(await Read("CodeSystem", "cpt-narratives"));
        Assert.Contains(supplement.Concept, c => c.Code == "72141");
        Assert.Contains(supplement.Concept, c => c.Code == "72146");

        var (again, againOutput, _) = await Run("import", "narratives", Path.Combine(folder, "a-72141.txt"));
        Assert.Equal(0, again);
        Assert.EndsWith("1 documents: 0 created or updated, 1 unchanged, 0 failed.\n", againOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAStoredNarrative_WhenExportedByTheCli_ThenItParsesToTheSameStructure()
    {
        var (exit, output, _) = await Run("export", "narrative", "72275", "--system", P.Cpt);
        var (missing, _, error) = await Run("export", "narrative", "26");

        Assert.Equal(0, exit);
        Assert.Equal(NarrativeParser.Parse(Seed, "seed").Structure(), NarrativeParser.Parse(output, "export").Structure());
        Assert.Equal(1, missing);
        Assert.Contains("no narrative is stored", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAVersionConflictOnOneResource_WhenSavingSeveral_ThenNoneIsStored()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ResourceStore>();
        var cs = new CodeSystem { Id = "atomic-test", Url = "http://example.org/atomic", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete };
        var plan = new PlanDefinition { Id = "cpt-72275", Url = "http://example.org/plan", Status = PublicationStatus.Draft };

        await Assert.ThrowsAsync<ResourceVersionConflictException>(() => store.SaveAllAsync([new ResourceWrite(cs), new ResourceWrite(plan, ExpectedVersion: 99)]));

        Assert.Null(await store.FindAsync("CodeSystem", "atomic-test"));
        Assert.Equal("http://terminologyserver.org/fhir/PlanDefinition/cpt-72275", ((PlanDefinition)(await store.ReadAsync("PlanDefinition", "cpt-72275"))!).Url);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenApplyToLookupOff_WhenLookingUp_ThenTheNarrativeComesOnlyWithUseSupplement()
    {
        var settings = await TestDatabases.NewSqliteAsync();
        settings["Narratives:ApplyToLookup"] = "false";
        await using var factory = new ApiFactory(settings);
        var client = factory.CreateClient();

        var plain = await Wire.ReadAsync<Parameters>(await client.GetAsync($"/fhir/CodeSystem/$lookup?system={P.Cpt}&code=72275"));
        var named = await Wire.ReadAsync<Parameters>(await client.GetAsync($"/fhir/CodeSystem/$lookup?system={P.Cpt}&code=72275&useSupplement=http://terminologyserver.org/fhir/CodeSystem/cpt-narratives"));

        Assert.Empty(plain.PropertyValues(P.Summary));
        Assert.Single(named.PropertyValues(P.Summary));
    }

    private async Task<Resource?> Read(string type, string id)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ResourceStore>().ReadAsync(type, id);
    }

    private async Task<string?> SupplementVersion() => (await Read("CodeSystem", "cpt-narratives"))?.Meta?.VersionId;

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(fixture.Factory.Services, CommandLine.Find(args)!, args, new CommandConsole(output, error, interactive: false));
        return (exit, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
