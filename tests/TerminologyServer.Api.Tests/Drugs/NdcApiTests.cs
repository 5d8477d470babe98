using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Drugs;

/// <summary>The NDC test subset imported by the CLI, then the same files as a zip over HTTP.</summary>
public abstract class NdcFixture(ApiFixture api) : LoincFixture(api)
{
    public static string NdcFolder => SharedData.Path("tx-source/ndc/2025-07-11");

    protected override async System.Threading.Tasks.Task ImportAsync()
    {
        Cli = await RunCliAsync("import", "ndc", NdcFolder);
        SeqAfterCli = await MaxChangeSeqAsync();
        ZipImport = await Api.Writer.SendAsync(Upload("ndc", Zip(NdcFolder), "20250711"));
    }
}

public sealed class NdcSqliteFixture() : NdcFixture(new SqliteFixture());

public sealed class NdcPostgresFixture() : NdcFixture(new PostgresFixture());

public abstract class NdcApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : NdcFixture
{
    [SkippableFact]
    public async System.Threading.Tasks.Task GivenThePackageInEitherForm_WhenSearchedAndItsPageIsRead_ThenItShowsTheFdaColumnsAndLinksItsProduct()
    {
        Api.SkipIfUnavailable();
        Assert.Contains("\"href\":\"/codes/ndc/0002-0213-01\"", await Client.GetStringAsync("/api/search?q=0002-0213-01"), StringComparison.Ordinal);
        foreach (var code in new[] { "0002-0213-01", "00002021301" })
        {
            var page = await Client.GetStringAsync($"/codes/ndc/{code}");
            Assert.Contains("<dt>product</dt><dd><a href=\"/codes/ndc/0002-0213\">0002-0213 (Humulin R)</a></dd>", page, StringComparison.Ordinal);
            Assert.Contains("<dt>code11</dt><dd>00002021301</dd>", page, StringComparison.Ordinal);
            Assert.Contains("<dt>labeler</dt><dd>Eli Lilly and Company</dd>", page, StringComparison.Ordinal);
        }

        Assert.Contains("<h1>Humulin R</h1>", await Client.GetStringAsync("/codes/ndc/0002-0213"), StringComparison.Ordinal);
    }

    private const string N = "http://hl7.org/fhir/sid/ndc";

    private ApiFixture Api => fixture.Api;

    private HttpClient Client => Api.Client;

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheDirectory_WhenImportedByTheCliThenAsAZip_ThenCountsEqualTheFilesAndTheZipChangesNothing()
    {
        Api.SkipIfUnavailable();
        Assert.Equal(0, fixture.Cli.Exit);
        Assert.Contains("Created: CodeSystem/ndc-20250711 http://hl7.org/fhir/sid/ndc|20250711: 172 concepts", fixture.Cli.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fixture.ZipImport.StatusCode);
        Assert.Equal("unchanged", (await Wire.ReadAsync<Parameters>(fixture.ZipImport)).Value("outcome"));
        Assert.Equal(fixture.SeqAfterCli, await fixture.MaxChangeSeqAsync());
    }

    [SkippableTheory]
    [InlineData("0002-0213-01")]
    [InlineData("00002021301")]
    [InlineData("00002-0213-01")]
    public async System.Threading.Tasks.Task GivenEitherFormOfAPackageCode_WhenLookedUpAndValidated_ThenBothResolveToThePackage(string code)
    {
        Api.SkipIfUnavailable();
        var lookup = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={N}&code={code}"));
        Assert.Equal("1 VIAL, MULTI-DOSE in 1 CARTON (0002-0213-01)  / 3 mL in 1 VIAL, MULTI-DOSE", lookup.Value("display"));
        Assert.Equal("Eli Lilly and Company", lookup.PropertyValues("labeler").Single().ToString());
        var valid = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={N}&code={code}"));
        Assert.Equal("true", valid.Value("result"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnExcludedProductsPackage_WhenValidated_ThenItIsInactiveAndAnUnknownCodeIsNotValid()
    {
        Api.SkipIfUnavailable();
        var excluded = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={N}&code=00002015201"));
        Assert.Equal("true", excluded.Value("inactive"));
        var unknown = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={N}&code=99999-9999-99"));
        Assert.Equal("false", unknown.Value("result"));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAPropertyFilter_WhenExpanded_ThenThePackagesOfThatProductAreListed()
    {
        Api.SkipIfUnavailable();
        var vs = new ValueSet { Status = PublicationStatus.Active, Compose = new ValueSet.ComposeComponent() };
        vs.Compose.Include.Add(new ValueSet.ConceptSetComponent { System = N, Filter = [new ValueSet.FilterComponent { Property = "product", Op = FilterOperator.Equal, Value = "0002-0152" }] });
        var p = new Parameters();
        p.Add("valueSet", vs);
        var expansion = await LoincApiTests<LoincSqliteFixture>.ReadValueSetAsync(await Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(p)));
        Assert.Equal(["0002-0152-01", "0002-0152-04", "0002-0152-61"], expansion.Expansion.Contains.Select(c => c.Code).Order(StringComparer.Ordinal).Take(3));
        Assert.All(expansion.Expansion.Contains, c => Assert.StartsWith("0002-0152-", c.Code, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenNdcLoaded_WhenCapabilitiesAndSiteSearchAreAsked_ThenNdcIsListedWithItsVersion()
    {
        Api.SkipIfUnavailable();
        var caps = await Wire.ReadAsync<TerminologyCapabilities>(await Client.GetAsync("/fhir/metadata?mode=terminology"));
        Assert.Equal("20250711", caps.CodeSystem.Single(c => c.Uri == N).Version.Single().Code);
        var page = await Client.GetAsync("/codes/ndc/00002021301");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Humulin R", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var search = await (await Client.GetAsync("/api/search?q=humulin")).Content.ReadAsStringAsync();
        Assert.Contains("0002-0213", search, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAPackageOfAnUnknownProduct_WhenImported_ThenTheErrorNamesFileAndLineAndNothingIsStored()
    {
        Api.SkipIfUnavailable();
        var folder = Path.Combine(Path.GetTempPath(), "terminology-tests", "ndc-bad-" + Guid.NewGuid().ToString("N"), "2025-07-12");
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(Path.Combine(NdcFixture.NdcFolder, "product.txt"), Path.Combine(folder, "product.txt"));
            var lines = File.ReadAllLines(Path.Combine(NdcFixture.NdcFolder, "package.txt"));
            lines[3] = lines[3].Replace("\t0002-0152\t", "\t0009-9999\t", StringComparison.Ordinal);
            File.WriteAllLines(Path.Combine(folder, "package.txt"), lines);
            var before = await fixture.MaxChangeSeqAsync();
            var (exit, _, error) = await fixture.RunCliAsync("import", "ndc", folder);
            Assert.Equal(1, exit);
            Assert.Contains("package.txt line 4", error, StringComparison.Ordinal);
            Assert.Equal(before, await fixture.MaxChangeSeqAsync());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}

public sealed class SqliteNdcApiTests(NdcSqliteFixture fixture) : NdcApiTests<NdcSqliteFixture>(fixture);

public sealed class PostgresNdcApiTests(NdcPostgresFixture fixture) : NdcApiTests<NdcPostgresFixture>(fixture);
