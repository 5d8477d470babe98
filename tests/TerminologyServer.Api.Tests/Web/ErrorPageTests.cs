using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Web;

/// <summary>Unknown routes and wrong methods answered in the form of their area: HTML page, /api JSON, FHIR OperationOutcome (storage does not matter: SQLite only).</summary>
public sealed class ErrorPageTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Theory]
    [InlineData("/nope", "/nope")]
    [InlineData("/codex", "/codex")]
    [InlineData("/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/&lt;script&gt;alert(1)&lt;%2Fscript&gt;")]
    [InlineData("/about?q=%3Cb%3E", "/about")]
    public async System.Threading.Tasks.Task Given_a_browser_When_it_asks_for_an_unknown_page_Then_a_friendly_404_page_with_a_search_box(string path, string shown)
    {
        var response = await SendAsync(HttpMethod.Get, path, BrowserAccept);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Page not found</h1>", html);
        Assert.Contains("There is no page at " + shown + ".", html);
        Assert.Contains("<form role=\"search\" action=\"/\"", html);
        Assert.Contains("<label for=\"q\">", html);
        Assert.Contains("href=\"/\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_no_accept_header_When_an_unknown_page_is_asked_for_Then_it_is_the_html_404_too()
    {
        var response = await SendAsync(HttpMethod.Get, "/search/old-style", accept: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_a_very_long_unknown_path_When_asked_for_Then_the_404_echoes_it_cut_short()
    {
        var html = await (await SendAsync(HttpMethod.Get, "/" + new string('x', 5000), BrowserAccept)).Content.ReadAsStringAsync();

        Assert.Contains("/" + new string('x', 119) + "…", html);
        Assert.DoesNotContain(new string('x', 121), html);
    }

    [Theory]
    [InlineData("/fhir/Nope", null, "application/fhir+json")]
    [InlineData("/fhir/Nope?_format=xml", null, "application/fhir+xml")]
    [InlineData("/fhir/CodeSystem/$nope", "application/fhir+xml", "application/fhir+xml")]
    [InlineData("/fhir/Nope", BrowserAccept, "application/xml")]
    [InlineData("/CodeSystem/$lookup", "application/fhir+json", "application/fhir+json")]
    [InlineData("/healthz/nope", null, "application/fhir+json")]
    public async System.Threading.Tasks.Task Given_a_fhir_route_or_a_fhir_client_When_nothing_is_there_Then_an_operation_outcome_404(string path, string? accept, string media)
    {
        var response = await SendAsync(HttpMethod.Get, path, accept);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(media, response.Content.Headers.ContentType?.MediaType);
        var outcome = await Wire.ReadOutcomeAsync(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Theory]
    [InlineData("/api/nope", BrowserAccept)]
    [InlineData("/api/codes/cpt", null)]
    public async System.Threading.Tasks.Task Given_an_unknown_api_route_When_asked_for_Then_a_json_404(string path, string? accept)
    {
        var response = await SendAsync(HttpMethod.Get, path, accept);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/search", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Given_a_wrong_method_When_used_on_a_page_and_the_api_Then_405_as_html_and_json()
    {
        var page = await SendAsync(HttpMethod.Post, "/", BrowserAccept);
        var api = await SendAsync(HttpMethod.Delete, "/api/search", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Method not allowed</h1>", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accept)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await fixture.Client.SendAsync(request);
    }
}
