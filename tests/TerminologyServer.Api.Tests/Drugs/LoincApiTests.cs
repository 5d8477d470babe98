using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Import;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Drugs;

/// <summary>One server with HL7's LOINC test subset imported by the CLI, then the same release again as a zip over HTTP (subclasses import other releases the same way).</summary>
public abstract class LoincFixture(ApiFixture api) : IAsyncLifetime
{
    public ApiFixture Api { get; } = api;

    public (int Exit, string Out, string Error) Cli { get; protected set; }

    public long SeqAfterCli { get; protected set; }

    public HttpResponseMessage ZipImport { get; protected set; } = null!;

    public static string Folder => SharedData.Path("tx-source/loinc");

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await Api.InitializeAsync();
        if (Api.Unavailable is not null)
        {
            return;
        }

        await ImportAsync();
    }

    protected virtual async System.Threading.Tasks.Task ImportAsync()
    {
        Cli = await RunCliAsync("import", "loinc", Folder);
        SeqAfterCli = await MaxChangeSeqAsync();
        ZipImport = await Api.Writer.SendAsync(Upload("loinc", Zip(Folder)));
    }

    public System.Threading.Tasks.Task DisposeAsync() => Api.DisposeAsync();

    public async Task<(int Exit, string Out, string Error)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = TerminologyServer.Api.Cli.CommandLine.Find(args) ?? throw new InvalidOperationException("unknown verb");
        var exit = await TerminologyServer.Api.Cli.CommandLine.RunAsync(Api.Factory.Services, command, args, new TerminologyServer.Api.Cli.CommandConsole(output, error, interactive: false));
        await Api.Factory.Services.GetRequiredService<IndexSynchronizer>().SyncAsync();
        return (exit, output.ToString(), error.ToString());
    }

    public async Task<long> MaxChangeSeqAsync()
    {
        using var scope = Api.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TerminologyDbContext>().Changes.MaxAsync(c => c.Seq);
    }

    public static byte[] Zip(string folder)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                zip.CreateEntryFromFile(file, Path.GetRelativePath(folder, file));
            }
        }

        return memory.ToArray();
    }

    public static HttpRequestMessage Upload(string kind, byte[] body, string? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/fhir/CodeSystem/$import?kind={kind}" + (version is null ? "" : $"&version={version}")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return request;
    }
}

public sealed class LoincSqliteFixture() : LoincFixture(new SqliteFixture());

public sealed class LoincPostgresFixture() : LoincFixture(new PostgresFixture());

public abstract class LoincApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : LoincFixture
{
    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheSubset_WhenSearchedAndPagesAreRead_ThenAxesLinkToTheirPartsAndAnswerListsToTheirAnswers()
    {
        fixture.Api.SkipIfUnavailable();
        Assert.Contains("\"systemKey\":\"loinc\"", await fixture.Api.Client.GetStringAsync("/api/search?q=glucose"), StringComparison.Ordinal);
        var term = await fixture.Api.Client.GetStringAsync("/codes/loinc/6298-4");
        Assert.Contains("<dt>COMPONENT</dt><dd><a href=\"/codes/loinc/LP15098-4\">LP15098-4 (Potassium)</a></dd>", term, StringComparison.Ordinal);
        Assert.Contains("<dt>SCALE_TYP</dt><dd><a href=\"/codes/loinc/LP7753-9\">", term, StringComparison.Ordinal);
        Assert.Contains("<li>Kalium [Mol/Volumen] in Blut</li>", term, StringComparison.Ordinal);
        var part = await fixture.Api.Client.GetStringAsync("/codes/loinc/LP15098-4");
        Assert.Contains("<span class=\"c\">LP386601-1</span>", part, StringComparison.Ordinal);
        var list = await fixture.Api.Client.GetStringAsync("/codes/loinc/LL360-9");
        Assert.Contains("<dt>answer</dt><dd><a href=\"/codes/loinc/LA6576-8\">LA6576-8 (Positive)</a></dd>", list, StringComparison.Ordinal);
    }

    private const string L = "http://loinc.org";

    private ApiFixture Api => fixture.Api;

    private HttpClient Client => Api.Client;

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheSubset_WhenImportedByTheCliThenAgainAsAZip_ThenCountsEqualTheFilesAndTheZipChangesNothing()
    {
        Api.SkipIfUnavailable();
        Assert.Equal(0, fixture.Cli.Exit);
        Assert.Contains("Created: CodeSystem/loinc-2.79 http://loinc.org|2.79: 483 concepts", fixture.Cli.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fixture.ZipImport.StatusCode);
        var result = await Wire.ReadAsync<Parameters>(fixture.ZipImport);
        Assert.Equal("unchanged", result.Value("outcome"));
        Assert.Equal(fixture.SeqAfterCli, await fixture.MaxChangeSeqAsync());
        var again = await fixture.RunCliAsync("import", "loinc", LoincFixture.Folder);
        Assert.StartsWith("Unchanged", again.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenATerm_WhenLookedUp_ThenAxesAreCodingsAndDisplayLanguagePicksTheVariant()
    {
        Api.SkipIfUnavailable();
        var p = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={L}&code=6298-4&property=*"));
        Assert.Equal("2.79", p.Value("version"));
        Assert.Equal("Potassium [Moles/volume] in Blood", p.Value("display"));
        var component = Assert.IsType<Coding>(p.PropertyValues("COMPONENT").Single());
        Assert.Equal(("LP15098-4", "Potassium"), (component.Code, component.Display));
        Assert.Equal("ACTIVE", p.PropertyValues("STATUS").Single().ToString());
        Assert.Contains(p.PropertyValues("parent"), v => v.ToString() == "LP386601-1");

        var de = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={L}&code=6298-4&displayLanguage=de-DE"));
        Assert.Equal("Kalium [Mol/Volumen] in Blut", de.Value("display"));
        var at = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={L}&code=6298-4&displayLanguage=de-AT"));
        Assert.Equal("Kalium/Blut", at.Value("display"));
        Assert.Contains(at.Parameter.Where(x => x.Name == "designation"), d => d.Part.Any(x => x.Name == "language" && x.Value?.ToString() == "zh-CN"));
        var lower = await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={L}&code=lp15098-4");
        Assert.Equal(HttpStatusCode.OK, lower.StatusCode); // LOINC codes are not case sensitive
    }

    [SkippableTheory]
    [InlineData("COMPONENT", "=", "LP15098-4", 54)]
    [InlineData("COMPONENT", "=", "potassium", 54)]
    [InlineData("COMPONENT", "regex", "Potass[a-z]+", 54)]
    [InlineData("SCALE_TYP", "=", "Qn", 91)]
    [InlineData("SCALE_TYP", "regex", "Q[n]", 91)]
    [InlineData("STATUS", "=", "DEPRECATED", 7)]
    [InlineData("STATUS", "in", "deprecated,discouraged", 9)]
    [InlineData("CLASSTYPE", "=", "2", 9)]
    [InlineData("CLASSTYPE", "=", "Clinical", 9)]
    [InlineData("copyright", "=", "LOINC", 322)]
    [InlineData("copyright", "=", "3rdParty", 0)]
    [InlineData("LIST", "=", "LL6136-7", 4)]
    [InlineData("answers-for", "=", "100041-3", 2)]
    [InlineData("concept", "is-a", "LP15098-4", 4)]
    [InlineData("ancestor", "=", "LP15098-4", 3)]
    [InlineData("parent", "=", "LP386601-1", 2)]
    public async System.Threading.Tasks.Task GivenALoincFilter_WhenExpanded_ThenTheCountIsThatOfTheFiles(string property, string op, string value, int count)
    {
        Api.SkipIfUnavailable();
        var vs = new ValueSet { Status = PublicationStatus.Active, Compose = new ValueSet.ComposeComponent() };
        vs.Compose.Include.Add(new ValueSet.ConceptSetComponent
        {
            System = L,
            Filter = [new ValueSet.FilterComponent { Property = property, OpElement = new Code<FilterOperator>(Hl7.Fhir.Utility.EnumUtility.ParseLiteral<FilterOperator>(op)), Value = value }],
        });
        var parameters = new Parameters();
        parameters.Add("valueSet", vs);
        var response = await Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(parameters));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(count, (await ReadValueSetAsync(response)).Expansion.Total);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenABadCopyrightValue_WhenExpanded_Then400SaysWhatIsAllowed()
    {
        Api.SkipIfUnavailable();
        var vs = new ValueSet { Status = PublicationStatus.Active, Compose = new ValueSet.ComposeComponent() };
        vs.Compose.Include.Add(new ValueSet.ConceptSetComponent { System = L, Filter = [new ValueSet.FilterComponent { Property = "copyright", Op = FilterOperator.Equal, Value = "AMA" }] });
        var parameters = new Parameters();
        parameters.Add("valueSet", vs);
        var response = await Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(parameters));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("LOINC or 3rdParty", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics ?? (await Wire.ReadOutcomeAsync(response)).Issue[0].Details?.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnAnswerList_WhenItsImplicitValueSetIsExpanded_ThenItsAnswersComeInOrder()
    {
        Api.SkipIfUnavailable();
        var vs = await ReadValueSetAsync(await Client.GetAsync("/fhir/ValueSet/$expand?url=http://loinc.org/vs/LL6136-7"));
        Assert.Equal(["LA32971-6", "LA32972-4", "LA9040-2", "LA10105-7"], vs.Expansion.Contains.Select(c => c.Code));
        Assert.Equal("Met", vs.Expansion.Contains[0].Display);

        var valid = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/ValueSet/$validate-code?url=http://loinc.org/vs/LL360-9&system={L}&code=LA6576-8"));
        Assert.Equal("true", valid.Value("result"));
        var invalid = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/ValueSet/$validate-code?url=http://loinc.org/vs/LL360-9&system={L}&code=LA11882-0"));
        Assert.Equal("false", invalid.Value("result"));

        var all = await ReadValueSetAsync(await Client.GetAsync("/fhir/ValueSet/$expand?url=http://loinc.org/vs&count=5"));
        Assert.Equal(483, all.Expansion.Total);
        var part = await ReadValueSetAsync(await Client.GetAsync("/fhir/ValueSet/$expand?url=http://loinc.org/vs/LP15098-4"));
        Assert.Equal(4, part.Expansion.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/fhir/ValueSet/$expand?url=http://loinc.org/vs/LL0000-0")).StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenADeprecatedTerm_WhenValidated_ThenItIsInactive()
    {
        Api.SkipIfUnavailable();
        var p = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={L}&code=10550-2"));
        Assert.Equal("true", p.Value("result"));
        Assert.Equal("true", p.Value("inactive"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenLoincLoaded_WhenCapabilitiesAndSiteSearchAreAsked_ThenLoincIsListedWithItsVersion()
    {
        Api.SkipIfUnavailable();
        var caps = await Wire.ReadAsync<TerminologyCapabilities>(await Client.GetAsync("/fhir/metadata?mode=terminology"));
        Assert.Equal("2.79", caps.CodeSystem.Single(c => c.Uri == L).Version.Single().Code);
        var page = await Client.GetAsync("/codes/loinc/6298-4");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Potassium [Moles/volume] in Blood", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var search = await (await Client.GetAsync("/api/search?q=potassium%20blood")).Content.ReadAsStringAsync();
        Assert.Contains("6298-4", search, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAReleaseWithABadLine_WhenImported_ThenTheErrorNamesFileAndLineAndNothingIsStored()
    {
        Api.SkipIfUnavailable();
        var folder = Path.Combine(Path.GetTempPath(), "terminology-tests", "loinc-bad-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyFolder(LoincFixture.Folder, folder);
            var table = Path.Combine(folder, "LoincTable", "Loinc.csv");
            var lines = File.ReadAllLines(table);
            lines[5] = lines[5].Replace("\"100", "\"X00", StringComparison.Ordinal);
            File.WriteAllLines(table, lines);
            var before = await fixture.MaxChangeSeqAsync();
            var (exit, _, error) = await fixture.RunCliAsync("import", "loinc", folder, "--version", "2.99");
            Assert.Equal(1, exit);
            Assert.Contains("Loinc.csv line 6", error, StringComparison.Ordinal);
            Assert.Contains("Nothing was imported", error, StringComparison.Ordinal);
            Assert.Equal(before, await fixture.MaxChangeSeqAsync());
            var http = await Api.Writer.SendAsync(LoincFixture.Upload("loinc", LoincFixture.Zip(folder), "2.99"));
            Assert.Equal(HttpStatusCode.BadRequest, http.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Expansions name <c>http://loinc.org|2.79</c> in <c>used-codesystem</c>, which the strict uri check of the SDK refuses: read leniently.</summary>
    internal static async Task<ValueSet> ReadValueSetAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonSerializer.Deserialize<ValueSet>(await response.Content.ReadAsStringAsync(), FhirJson.Lenient)!;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }
    }
}

public sealed class SqliteLoincApiTests(LoincSqliteFixture fixture) : LoincApiTests<LoincSqliteFixture>(fixture);

public sealed class PostgresLoincApiTests(LoincPostgresFixture fixture) : LoincApiTests<LoincPostgresFixture>(fixture);
