using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Web;

/// <summary>
/// Long URLs and odd request targets through Kestrel on a real socket (the in-memory test server has no request
/// line limit and HttpClient would normalise the targets): every one is answered by the server in the form of its
/// area, never a 500, never with the input reflected raw.
/// </summary>
public abstract class UrlEdgeTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private const string Html = "text/html", Json = "application/json", Fhir = "application/fhir+json";
    private const string AllCodes = "http://terminologyserver.org/fhir/ValueSet/all-codes";
    private static readonly string Long = new('a', 100 * 1024);

    private Uri Server => fixture.SocketAddress ?? throw new InvalidOperationException("The fixture is not on a socket.");

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_a_100_KB_query_When_sent_to_the_page_the_api_and_fhir_Then_each_explains_the_limit()
    {
        fixture.SkipIfUnavailable();
        var page = await RawHttp.GetAsync(Server, "/?q=" + Long);
        var api = await RawHttp.GetAsync(Server, "/api/search?q=" + Long);
        var expand = await RawHttp.GetAsync(Server, $"/fhir/ValueSet/$expand?url={AllCodes}&filter=" + Long);

        Assert.Equal(400, page.Status);
        Assert.StartsWith(Html, page.ContentType);
        Assert.Contains("102400 characters long; the limit is 200", page.Body);
        Assert.Contains("<form role=\"search\"", page.Body);
        Assert.Equal(400, api.Status);
        Assert.Contains("the limit is 200", JsonDocument.Parse(api.Body).RootElement.GetProperty("message").GetString());
        Assert.Equal(414, expand.Status);
        var outcome = FhirJson.Deserialize<OperationOutcome>(expand.Body);
        Assert.Equal(OperationOutcome.IssueType.TooLong, outcome.Issue[0].Code);
        Assert.Contains("POST", outcome.Issue[0].Diagnostics);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_a_fhir_query_just_over_the_query_limit_When_sent_Then_414_outcome_and_just_under_it_is_served()
    {
        fixture.SkipIfUnavailable();
        var prefix = "/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=72275&x=";
        var under = await RawHttp.GetAsync(Server, prefix + new string('b', 32 * 1024 - prefix.Length + "/fhir/CodeSystem/$lookup".Length));
        var over = await RawHttp.GetAsync(Server, prefix + new string('b', 32 * 1024));

        Assert.NotEqual(414, under.Status);
        Assert.True(under.Status < 500, under.Body);
        Assert.Equal(414, over.Status);
        Assert.StartsWith(Fhir, over.ContentType);
        Assert.Contains("accepts up to 32,768", over.Body);
    }

    /// <summary>Past Kestrel's 1 MiB bounds the server cannot run our code: Kestrel answers 414 or 431 itself, without a body (README).</summary>
    [SkippableFact]
    public async System.Threading.Tasks.Task Given_a_request_line_or_headers_over_1_MiB_When_sent_Then_kestrel_refuses_with_a_4xx_not_a_500()
    {
        fixture.SkipIfUnavailable();
        var huge = new string('a', 1024 * 1024 + 16);
        var line = await RawHttp.GetAsync(Server, "/?q=" + huge);
        var headers = await RawHttp.GetAsync(Server, "/", extraHeader: "Referer: http://x/?q=" + huge);

        Assert.Equal(414, line.Status);
        Assert.Equal(431, headers.Status);
    }

    [SkippableTheory]
    [InlineData("/codes/%3Cscript%3Ealert(1)%3C%2Fscript%3E/x", 404, Html)]
    [InlineData("/codes/cpt/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404, Html)]
    [InlineData("/%3Cscript%3Ealert(1)%3C/script%3E", 404, Html)]
    [InlineData("/codes/cpt/..%2F..%2Fetc%2Fpasswd", 404, Html)]
    [InlineData("/codes/cpt/72275%252F..%252F..", 404, Html)]
    [InlineData("/codes/cpt/%C0%AF", 400, Html)]
    [InlineData("/codes/%C0%BCscript%C0%BE/1", 400, Html)]
    [InlineData("/?q=%C0%BCscript%C0%BEalert(1)", 400, Html)]
    [InlineData("/?q=%00%3Cscript%3E", 400, Html)]
    [InlineData("/codes/cpt/72275?x=%00", 400, Html)]
    [InlineData("/api/search?q=%00", 400, Json)]
    [InlineData("/api/search?q=%C0%BCscript%C0%BE", 400, Json)]
    [InlineData("/api/search?q=x&system=%3Cscript%3E", 400, Json)]
    [InlineData("/api/codes/cpt/%3Cscript%3E/similar", 404, Json)]
    [InlineData("/api/codes/cpt/72275%252F..%252F/similar", 404, Json)]
    [InlineData("/api/%3Cscript%3E", 404, Json)]
    [InlineData("/fhir/%3Cscript%3E", 404, Fhir)]
    [InlineData("/fhir/CodeSystem/%3Cscript%3E", 404, Fhir)]
    [InlineData("/fhir/CodeSystem/a%252Fb", 404, Fhir)]
    [InlineData("/fhir/CodeSystem/a%2F..%2F..%2Fmetadata", 404, Fhir)]
    [InlineData("/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=%00", 400, Fhir)]
    [InlineData("/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=%C0%AF", 400, Fhir)]
    // A line break is allowed in a FHIR string: this display is checked (and wrong), not refused as a URL.
    [InlineData("/fhir/CodeSystem/$validate-code?url=http://www.ama-assn.org/go/cpt&code=72275&display=Epidurography%0Awrong", 200, Fhir)]
    [InlineData("/fhir/ValueSet/$expand?url=" + AllCodes + "&filter=%F0%80%80%BC", 400, Fhir)]
    // Kestrel refuses a NUL in the path itself, before the application: a bodiless 400 (README).
    [InlineData("/codes/cpt/%00", 400, null)]
    [InlineData("/fhir/CodeSystem/%00", 400, null)]
    public async System.Threading.Tasks.Task Given_an_odd_or_hostile_target_When_requested_Then_a_4xx_in_the_form_of_its_area_and_nothing_reflected_raw(string target, int status, string? media)
    {
        fixture.SkipIfUnavailable();
        var accept = media is Json or Fhir ? media : "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        var response = await RawHttp.GetAsync(Server, target, accept);

        Assert.Equal(status, response.Status);
        if (media is null)
        {
            Assert.Equal("", response.Body);
        }
        else
        {
            Assert.StartsWith(media, response.ContentType);
        }

        Assert.DoesNotContain("<script", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\0", response.Body, StringComparison.Ordinal);
        if (media == Html)
        {
            Assert.Contains("href=\"/\"", response.Body);
        }
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_codes_with_a_slash_and_an_escaped_slash_When_their_links_are_followed_Then_each_reaches_its_own_page()
    {
        fixture.SkipIfUnavailable();
        var cs = new CodeSystem
        {
            Id = "slashes", Url = "http://example.org/slashes", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete,
            Concept = [new() { Code = "a/b", Display = "Slash code" }, new() { Code = "a%2Fb", Display = "Escaped slash code" }],
        };
        Assert.True((await fixture.Writer.PutAsync("/fhir/CodeSystem/slashes", Wire.JsonBody(cs))).IsSuccessStatusCode);

        var search = JsonDocument.Parse((await RawHttp.GetAsync(Server, "/api/search?q=slash&system=slashes")).Body).RootElement.GetProperty("results");
        var hrefs = search.EnumerateArray().ToDictionary(h => h.GetProperty("code").GetString()!, h => h.GetProperty("href").GetString()!);
        var slash = await RawHttp.GetAsync(Server, hrefs["a/b"]);
        var escaped = await RawHttp.GetAsync(Server, hrefs["a%2Fb"]);
        var similar = await RawHttp.GetAsync(Server, "/api/codes/slashes/a%2Fb/similar");

        Assert.Equal("/codes/slashes/a%2Fb", hrefs["a/b"]);
        Assert.Equal("/codes/slashes/a%252Fb", hrefs["a%2Fb"]);
        Assert.Equal(200, slash.Status);
        Assert.Contains("<h1>Slash code</h1>", slash.Body);
        Assert.Equal(200, escaped.Status);
        Assert.Contains("<h1>Escaped slash code</h1>", escaped.Body);
        Assert.Equal(200, similar.Status);
    }
}

public sealed class SqliteUrlEdgeTests(SqliteSocketFixture fixture) : UrlEdgeTests<SqliteSocketFixture>(fixture);

public sealed class PostgresUrlEdgeTests(PostgresSocketFixture fixture) : UrlEdgeTests<PostgresSocketFixture>(fixture);
