using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Cli;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Import;

/// <summary>Wrong files, versions and requests: a clear 4xx or non-zero exit, and nothing stored.</summary>
public sealed class ImportBadInputTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task GivenNoCredentials_WhenImporting_ThenItIs401()
    {
        var response = await fixture.Client.SendAsync(ImportedContentFixture.Upload("icd10pcs", "2026", SharedData.Icd10Pcs2026, respondAsync: false));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("kind=bogus&version=2026", "'kind' must be one of")]
    [InlineData("kind=icd10cm", "a version is required")]
    [InlineData("kind=icd10cm&version=26", "unknown version format '26'")]
    [InlineData("kind=hcpcs&version=2025-13", "unknown version format")]
    public async System.Threading.Tasks.Task GivenABadQuery_WhenImporting_ThenItIs400WithTheReason(string query, string expected)
    {
        var response = await fixture.Writer.PostAsync($"/fhir/CodeSystem/$import?{query}", new ByteArrayContent(File.ReadAllBytes(SharedData.Icd10Cm2026)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAFileOfTheWrongKind_WhenImported_ThenItIs400NamingLine1AndNothingIsStored()
    {
        var response = await fixture.Writer.SendAsync(ImportedContentFixture.Upload("icd10cm", "2031", SharedData.Icd10Pcs2026, respondAsync: false));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 1:", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/fhir/CodeSystem/icd-10-cm-2031")).StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenATruncatedFile_WhenImportedAsynchronously_ThenTheStatusUrlReports400()
    {
        var bytes = File.ReadAllBytes(SharedData.Hcpcs2025);
        var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/CodeSystem/$import?kind=hcpcs&version=2032-01") { Content = new ByteArrayContent(bytes[..(bytes.Length / 2)]) };
        request.Headers.Add("Prefer", "respond-async");
        var accepted = await fixture.Writer.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        HttpResponseMessage status;
        var polls = 0;
        do
        {
            await System.Threading.Tasks.Task.Delay(50);
            status = await fixture.Writer.GetAsync(accepted.Content.Headers.ContentLocation);
        }
        while (status.StatusCode == HttpStatusCode.Accepted && ++polls < 2000);

        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Contains("truncated", (await Wire.ReadOutcomeAsync(status)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/fhir/CodeSystem/hcpcs-2032-01")).StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenCptWithoutAZip_WhenImported_ThenItIs400()
    {
        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import?kind=cpt&version=2026", new StringContent("10001\tX\r\n", Encoding.ASCII, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("zip", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenABodyOverTheImportLimit_WhenImported_ThenItIs413()
    {
        var settings = await TestDatabases.NewSqliteAsync();
        settings["Import:MaxBodyBytes"] = "100000";
        await using var factory = new ApiFactory(settings);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestDatabases.TestApiKey);
        var response = await client.SendAsync(ImportedContentFixture.Upload("hcpcs", "2025-01", SharedData.Hcpcs2025, respondAsync: false));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.TooLong, (await Wire.ReadOutcomeAsync(response)).Issue[0].Code);
    }

    [Theory]
    [InlineData(new[] { "import", "icd10cm", "/nonexistent/icd10cm_order_2026.txt" }, 1, "no such file")]
    [InlineData(new[] { "import", "icd10pcs", "@pcs", "--version", "26" }, 1, "unknown version format '26'")]
    [InlineData(new[] { "import", "icd10cm", "@pcs", "--version", "2033" }, 1, "line 1:")]
    [InlineData(new[] { "import", "hcpcs", "@hcpcs", "--colour", "red" }, 2, "unknown option --colour")]
    [InlineData(new[] { "import", "icd10pcs" }, 2, "missing argument")]
    public async System.Threading.Tasks.Task GivenBadCliInput_WhenRun_ThenItExitsNonZeroWithAClearMessage(string[] args, int exit, string expected)
    {
        args = args.Select(a => a == "@pcs" ? SharedData.Icd10Pcs2026 : a == "@hcpcs" ? SharedData.Hcpcs2025 : a).ToArray();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(fixture.Factory.Services, CommandLine.Find(args)!, args, new CommandConsole(output, error, false));
        Assert.Equal(exit, code);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }
}
