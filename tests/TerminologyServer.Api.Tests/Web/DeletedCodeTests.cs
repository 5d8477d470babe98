using System.Net;
using System.Text.Json;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Web;

/// <summary>
/// The deleted-code story on the shipped content: 72275 says it is deleted, why (its definition) and what to use
/// instead (six successors, linked); each successor links back; the page and the JSON agree; similar codes are the
/// successors and the same-section codes, never a lab test or a modifier.
/// </summary>
public sealed class DeletedCodeTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static readonly string[] Successors = ["62321", "62323", "62325", "62327", "64479", "64483"];

    [Fact]
    public async Task Given_deleted_72275_When_its_page_is_shown_Then_status_definition_and_each_successor_linked()
    {
        var html = await fixture.Client.GetStringAsync("/codes/cpt/72275");

        Assert.Contains("Deleted code: it is no longer valid for new records (status retired).", html);
        Assert.Contains("Deleted from CPT; contrast injection and imaging guidance are now part of the epidural injection codes", html);
        var useInstead = Section(html, "<h2>Use instead</h2>");
        Assert.All(Successors, code => Assert.Contains($"href=\"/codes/cpt/{code}\"", useInstead));
        Assert.Contains("<h2>Name of the Procedure:</h2><p class=\"procedure-name\">Epidurography, Radiological Supervision, and Interpretation</p>", html);
        Assert.Contains("data-copy=\"http://www.ama-assn.org/go/cpt|72275\"", html);
    }

    [Theory]
    [InlineData("62321")]
    [InlineData("64483")]
    public async Task Given_a_successor_When_its_page_is_shown_Then_it_says_it_replaces_72275_with_a_link(string code)
    {
        var html = await fixture.Client.GetStringAsync($"/codes/cpt/{code}");

        var replaces = Section(html, "<h2>Replaces</h2>");
        Assert.Contains("href=\"/codes/cpt/72275\"", replaces);
        Assert.Contains("(inactive)", replaces);
        Assert.DoesNotContain("Deleted code", html);
    }

    [Fact]
    public async Task Given_72275_When_the_json_api_is_asked_Then_it_carries_the_same_story()
    {
        var deleted = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/codes/cpt/72275")).RootElement;
        var successor = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/codes/cpt/62321")).RootElement;

        Assert.Equal("retired", deleted.GetProperty("status").GetString());
        Assert.True(deleted.GetProperty("inactive").GetBoolean());
        Assert.StartsWith("Imaging of the epidural space", deleted.GetProperty("definition").GetString());
        Assert.Equal(Successors, deleted.GetProperty("replacedBy").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal("/codes/cpt/62321", deleted.GetProperty("replacedBy")[0].GetProperty("href").GetString());
        Assert.Equal("Epidurography, Radiological Supervision, and Interpretation", deleted.GetProperty("procedureName").GetString());
        Assert.Equal("active", successor.GetProperty("status").GetString());
        Assert.Equal(["72275"], successor.GetProperty("replaces").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/api/codes/cpt/99999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/api/codes/nope/1")).StatusCode);
    }

    [Fact]
    public async Task Given_72275_When_similar_codes_are_asked_Then_successors_lead_and_no_lab_test_or_modifier_comes()
    {
        var similar = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/codes/cpt/72275/similar?count=10")).RootElement
            .EnumerateArray().Select(s => (Code: s.GetProperty("code").GetString()!, Relation: s.GetProperty("relation").GetString())).ToList();
        var page = Section(await fixture.Client.GetStringAsync("/codes/cpt/72275"), "<h2>Similar Codes</h2>");

        Assert.Equal(Successors, similar.Take(6).Select(s => s.Code));
        Assert.All(similar.Take(6), s => Assert.Equal("replacement", s.Relation));
        Assert.Contains(similar.Skip(6), s => s.Code is "72240" or "72255" or "72265" or "72270");
        Assert.DoesNotContain(similar, s => s.Code is "86703" or "TC" or "26" || s.Code.StartsWith('8'));
        Assert.Contains("(use instead)", page);
        Assert.DoesNotContain("/codes/cpt/86703", page);
        Assert.DoesNotContain("/codes/cpt/TC", page);
    }

    [Fact]
    public async Task Given_a_plan_with_alternatives_and_a_source_When_related_policies_are_shown_Then_only_policies_count()
    {
        var related = Section(await fixture.Client.GetStringAsync("/codes/cpt/72275"), "<h2>Related policies from health plans</h2>");

        Assert.Contains("No health plan policy is recorded for this code.", related);
        Assert.DoesNotContain("cpt-narratives", related);
    }

    [Fact]
    public async Task Given_the_code_systems_When_browsed_Then_the_list_and_the_top_of_a_system_are_pages()
    {
        var systems = await fixture.Client.GetStringAsync("/codes");
        var cpt = await fixture.Client.GetAsync("/codes/cpt");
        var cptHtml = await cpt.Content.ReadAsStringAsync();

        Assert.Contains("href=\"/codes/cpt\"", systems);
        Assert.Equal(HttpStatusCode.OK, cpt.StatusCode);
        Assert.Contains("href=\"/codes/cpt/72275\"", cptHtml);
        Assert.DoesNotContain(" 1 codes", cptHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/codes/nope")).StatusCode);
    }

    [Fact]
    public async Task Given_a_search_page_When_results_are_shown_Then_matched_words_are_marked_and_one_code_is_singular()
    {
        var one = await fixture.Client.GetStringAsync("/?q=72275&system=cpt");
        var marked = await fixture.Client.GetStringAsync("/?q=epidurography&system=cpt");

        Assert.Contains("1 code matches \u201c72275\u201d.", one);
        Assert.Contains("<mark>Epidurography</mark>, radiological supervision and interpretation", marked);
    }

    /// <summary>The page from <paramref name="heading"/> to the end of its section.</summary>
    private static string Section(string html, string heading)
    {
        var start = html.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {heading}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }
}

/// <summary>FHIR resources in a browser as HTML, FHIR clients unchanged; the value set page with its paged expansion.</summary>
public sealed class FhirHtmlViewTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Theory]
    [InlineData("application/fhir+json", "application/fhir+json")]
    [InlineData("application/fhir+json; fhirVersion=4.0", "application/fhir+json")]
    [InlineData("application/fhir+xml", "application/fhir+xml")]
    [InlineData(BrowserAccept, "text/html")]
    public async Task Given_an_accept_header_When_a_resource_is_read_Then_only_a_browser_gets_html(string accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/CodeSystem/cpt");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await fixture.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        if (expected == "text/html")
        {
            Assert.Contains("<h1>CodeSystem/cpt</h1>", body);
            Assert.Contains("&quot;resourceType&quot;: &quot;CodeSystem&quot;", body);
            Assert.Contains("href=\"/codes/cpt\"", body);
        }
    }

    [Fact]
    public async Task Given_a_browser_and_format_json_When_read_Then_format_wins()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/CodeSystem/cpt?_format=json");
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);
        var response = await fixture.Client.SendAsync(request);

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Given_a_value_set_When_its_page_is_opened_Then_definition_and_a_paged_expansion_show()
    {
        var first = await fixture.Client.GetStringAsync("/valuesets?url=" + Uri.EscapeDataString("http://hl7.org/fhir/ValueSet/administrative-gender"));
        var missing = await fixture.Client.GetAsync("/valuesets?url=http://example.org/none");

        Assert.Contains("<h2>Definition</h2>", first);
        Assert.Contains("4 codes.", first);
        Assert.Contains("<span class=\"c\">female</span>", first);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
