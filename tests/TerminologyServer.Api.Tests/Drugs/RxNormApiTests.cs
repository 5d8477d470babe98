using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Drugs;

/// <summary>The invented RRF release of <c>bench/rxnorm-sample.py</c> imported by the CLI, then as a zip over HTTP.</summary>
public abstract class RxNormFixture(ApiFixture api) : LoincFixture(api)
{
    public static string RrfFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "rxnorm-sample", "rrf");

    protected override async System.Threading.Tasks.Task ImportAsync()
    {
        Cli = await RunCliAsync("import", "rxnorm", RrfFolder);
        SeqAfterCli = await MaxChangeSeqAsync();
        ZipImport = await Api.Writer.SendAsync(Upload("rxnorm", Zip(RrfFolder)));
    }
}

public sealed class RxNormSqliteFixture() : RxNormFixture(new SqliteFixture());

public sealed class RxNormPostgresFixture() : RxNormFixture(new PostgresFixture());

public abstract class RxNormApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : RxNormFixture
{
    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheSample_WhenSearchedAndAPageIsRead_ThenTtyAndRelationshipsShowAndLink()
    {
        Api.SkipIfUnavailable();
        Assert.Contains("\"systemKey\":\"rxnorm\"", await Client.GetStringAsync("/api/search?q=900201"), StringComparison.Ordinal);
        var page = await Client.GetStringAsync("/codes/rxnorm/900201");
        Assert.Contains("<dt>TTY</dt><dd>SCD</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>consists_of</dt><dd><a href=\"/codes/rxnorm/900101\">900101 (acetaminophen 500 MG)</a></dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>has_tradename</dt><dd><a href=\"/codes/rxnorm/900401\">", page, StringComparison.Ordinal);
        // The retired CUI it replaces is listed as such.
        Assert.Contains("<ul class=\"replaces\"><li><a href=\"/codes/rxnorm/900700\">", page, StringComparison.Ordinal);
    }

    private const string R = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private ApiFixture Api => fixture.Api;

    private HttpClient Client => Api.Client;

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheSample_WhenImportedByTheCliThenAsAZip_ThenCountsEqualTheFilesAndTheZipChangesNothing()
    {
        Api.SkipIfUnavailable();
        Assert.Equal(0, fixture.Cli.Exit);
        Assert.Contains("Created: CodeSystem/rxnorm-25AA-250707F http://www.nlm.nih.gov/research/umls/rxnorm|25AA_250707F: 12 concepts", fixture.Cli.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fixture.ZipImport.StatusCode);
        Assert.Equal("unchanged", (await Wire.ReadAsync<Parameters>(fixture.ZipImport)).Value("outcome"));
        Assert.Equal(fixture.SeqAfterCli, await fixture.MaxChangeSeqAsync());
    }

    [SkippableTheory]
    [InlineData("TTY", "=", "SCD", 3)]
    [InlineData("TTY", "in", "SCD,SBD", 4)]
    [InlineData("STY", "=", "Clinical Drug", 7)]
    [InlineData("SAB", "=", "MTHSPL", 1)]
    [InlineData("has_ingredient", "=", "900001", 1)]
    [InlineData("consists_of", "=", "900101", 2)]
    [InlineData("tradename_of", "=", "900201", 1)]
    [InlineData("inactive", "=", "true", 3)]
    public async System.Threading.Tasks.Task GivenAnRxNormFilter_WhenExpanded_ThenTheCountIsThatOfTheFiles(string property, string op, string value, int count)
    {
        Api.SkipIfUnavailable();
        var vs = new ValueSet { Status = PublicationStatus.Active, Compose = new ValueSet.ComposeComponent { Inactive = true } };
        vs.Compose.Include.Add(new ValueSet.ConceptSetComponent
        {
            System = R,
            Filter = [new ValueSet.FilterComponent { Property = property, OpElement = new Code<FilterOperator>(Hl7.Fhir.Utility.EnumUtility.ParseLiteral<FilterOperator>(op)), Value = value }],
        });
        var p = new Parameters();
        p.Add("valueSet", vs);
        var expansion = await LoincApiTests<LoincSqliteFixture>.ReadValueSetAsync(await Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(p)));
        Assert.Equal(count, expansion.Expansion.Total);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenARemappedCui_WhenLookedUpAndValidated_ThenItIsInactiveWithItsSuccessor()
    {
        Api.SkipIfUnavailable();
        var lookup = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={R}&code=900700&property=*"));
        var successor = Assert.IsType<Coding>(lookup.PropertyValues("replaced-by").Single());
        Assert.Equal("900201", successor.Code);
        Assert.Equal("true", lookup.PropertyValues("inactive").Single().ToString());
        var valid = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={R}&code=900700"));
        Assert.Equal("true", valid.Value("inactive"));

        var scd = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={R}&code=900201&property=has_dose_form"));
        Assert.Equal("acetaminophen 500 MG Oral Tablet", scd.Value("display"));
        Assert.Equal("900010", Assert.IsType<Coding>(scd.PropertyValues("has_dose_form").Single()).Code);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenRxNormLoaded_WhenCapabilitiesAndSiteSearchAreAsked_ThenRxNormIsListedWithItsVersion()
    {
        Api.SkipIfUnavailable();
        var caps = await Wire.ReadAsync<TerminologyCapabilities>(await Client.GetAsync("/fhir/metadata?mode=terminology"));
        Assert.Equal("25AA_250707F", caps.CodeSystem.Single(c => c.Uri == R).Version.Single().Code);
        var page = await Client.GetAsync("/codes/rxnorm/900201");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("acetaminophen 500 MG Oral Tablet", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var search = await (await Client.GetAsync("/api/search?q=tylenix")).Content.ReadAsStringAsync();
        Assert.Contains("900301", search, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenARemapToAnUnknownCui_WhenImported_ThenTheErrorNamesFileAndLineAndNothingIsStored()
    {
        Api.SkipIfUnavailable();
        var folder = Path.Combine(Path.GetTempPath(), "terminology-tests", "rxnorm-bad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var f in Directory.EnumerateFiles(RxNormFixture.RrfFolder))
            {
                File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
            }

            File.AppendAllText(Path.Combine(folder, "RXNCUI.RRF"), "900900|RXNORM_20AA_200106|RXNORM_24AA_240102|1|123456789|\n");
            var before = await fixture.MaxChangeSeqAsync();
            var (exit, _, error) = await fixture.RunCliAsync("import", "rxnorm", folder, "--version", "25AB");
            Assert.Equal(1, exit);
            Assert.Contains("RXNCUI.RRF line 3", error, StringComparison.Ordinal);
            Assert.Equal(before, await fixture.MaxChangeSeqAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class SqliteRxNormApiTests(RxNormSqliteFixture fixture) : RxNormApiTests<RxNormSqliteFixture>(fixture);

public sealed class PostgresRxNormApiTests(RxNormPostgresFixture fixture) : RxNormApiTests<RxNormPostgresFixture>(fixture);
