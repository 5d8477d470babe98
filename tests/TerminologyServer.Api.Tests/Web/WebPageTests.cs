using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Web;

/// <summary>The search page, code pages, JSON API and FHIR faces of the search, through HTTP on every provider.</summary>
public abstract class WebPageTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private const int MaxPageBytes = 200 * 1024;

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_a_query_in_the_url_When_the_page_is_fetched_without_script_Then_the_results_are_in_the_html()
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync("/?q=epidurography");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/codes/cpt/72275\"", html);
        Assert.Contains("<label for=\"q\">", html);
        Assert.True(html.Length < MaxPageBytes);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_a_word_of_a_FHIR_administrative_code_system_When_searched_Then_it_is_found_only_when_asked_for()
    {
        fixture.SkipIfUnavailable();
        const string gender = "http://hl7.org/fhir/administrative-gender";

        using var plain = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/search?q=female&limit=100"));
        using var asked = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/search?q=female&limit=100&admin=true"));
        var page = await fixture.Client.GetStringAsync("/?q=female&admin=true");

        static IEnumerable<string?> Systems(JsonDocument d) => d.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("system").GetString());
        Assert.DoesNotContain(Systems(plain), s => s!.StartsWith("http://hl7.org/fhir/", StringComparison.Ordinal) && !s.StartsWith("http://hl7.org/fhir/sid/", StringComparison.Ordinal));
        Assert.Contains(gender, Systems(asked));
        Assert.Contains("name=\"admin\" value=\"true\" checked", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_a_misspelt_word_When_searched_Then_the_answer_and_the_page_say_did_you_mean()
    {
        fixture.SkipIfUnavailable();

        using var json = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/search?q=myleography"));
        var html = await fixture.Client.GetStringAsync("/?q=myleography");
        using var spelt = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/search?q=myelography"));

        Assert.Equal("myelography", json.RootElement.GetProperty("didYouMean").GetString());
        Assert.Contains("Did you mean <a href=\"/?q=myelography\">myelography</a>?", html, StringComparison.Ordinal);
        Assert.True(spelt.RootElement.GetProperty("didYouMean").ValueKind is JsonValueKind.Null or JsonValueKind.Undefined);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("q=")]
    [InlineData("q=%20%20")]
    public async System.Threading.Tasks.Task Given_an_empty_query_When_the_page_is_fetched_Then_it_asks_for_one(string query)
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync("/?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Type a code or words", await response.Content.ReadAsStringAsync());
    }

    [SkippableTheory]
    [InlineData(201)]
    [InlineData(20_000)]
    public async System.Threading.Tasks.Task Given_a_query_over_the_length_limit_When_searching_Then_a_friendly_400_page_and_json_error(int length)
    {
        fixture.SkipIfUnavailable();
        var q = new string('a', length);
        var page = await fixture.Client.GetAsync("/?q=" + q);
        var api = await fixture.Client.GetAsync("/api/search?q=" + q);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("the limit is 200", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("limit is 200", JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
    }

    [SkippableTheory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("' OR 1=1; DROP TABLE Resources; --")]
    [InlineData("%00%ff\u202e")]
    public async System.Threading.Tasks.Task Given_an_injection_attempt_When_searching_Then_it_is_answered_and_never_reflected_raw(string attack)
    {
        fixture.SkipIfUnavailable();
        var page = await fixture.Client.GetAsync("/?q=" + Uri.EscapeDataString(attack) + "&system=" + Uri.EscapeDataString(attack));
        var html = await page.Content.ReadAsStringAsync();
        var api = await fixture.Client.GetAsync("/api/search?q=" + Uri.EscapeDataString(attack));

        Assert.True((int)page.StatusCode < 500);
        Assert.True((int)api.StatusCode < 500);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=72275")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("/codes/nope/72275", "no code system")]
    [InlineData("/codes/cpt/99999", "has no code")]
    [InlineData("/codes/cpt/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "has no code")]
    [InlineData("/codes/%3Cscript%3Ealert(1)%3C%2Fscript%3E/1", "no code system")]
    [InlineData("/codes/nope", "no code system")]
    public async System.Threading.Tasks.Task Given_an_unknown_system_or_code_When_its_page_is_fetched_Then_a_helpful_404_page(string path, string says)
    {
        fixture.SkipIfUnavailable();
        var response = await fixture.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, html);
        Assert.Contains("href=\"/\"", html);
        Assert.DoesNotContain("<script>alert", html);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_the_narrative_supplement_and_plan_When_72275_is_shown_Then_every_seed_section_comes_in_order_with_safe_policy_links()
    {
        fixture.SkipIfUnavailable();
        await StoreNarrativeAsync();

        var response = await fixture.Client.GetAsync("/codes/cpt/72275");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Epidurography, radiological supervision and interpretation</h1>", html);
        Assert.Contains("CPT4 code", html);
        var positions = SeedNarrative.Sections.Select(s => html.IndexOf("<h2>" + s + "</h2>", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("<ol><li>The patient lies face down on an X-ray table.</li>", html);
        Assert.Contains("<li>Common: Temporary discomfort at the injection site, headache</li>", html);
        Assert.Contains("href=\"https://example.org/policies/epidural\"", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; policy", html);
        Assert.Contains("/fhir/PlanDefinition/cpt-72275", html);
        Assert.Contains("/fhir/CodeSystem/$lookup?system=", html);
        Assert.True(html.Length < MaxPageBytes);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_a_code_without_narrative_When_shown_Then_what_the_code_system_knows_and_similar_codes()
    {
        fixture.SkipIfUnavailable();
        var html = await (await fixture.Client.GetAsync("/codes/cpt/72255")).Content.ReadAsStringAsync();

        Assert.Contains("<h2>About this code</h2>", html);
        Assert.Contains("<h2>Similar Codes</h2>", html);
        Assert.Contains("href=\"/codes/cpt/72240\"", html);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_the_json_api_When_searching_a_code_and_asking_for_similar_codes_Then_ranked_json_comes_back()
    {
        fixture.SkipIfUnavailable();
        var search = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/search?q=72275&system=cpt")).RootElement;
        var similar = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/codes/cpt/72275/similar?count=5")).RootElement;
        var badLimit = await fixture.Client.GetAsync("/api/search?q=a&limit=100000");
        var badSystem = await fixture.Client.GetAsync("/api/search?q=a&system=nope");

        var first = search.GetProperty("results")[0];
        Assert.Equal("72275", first.GetProperty("code").GetString());
        Assert.Equal("code", first.GetProperty("match").GetString());
        Assert.Equal("/codes/cpt/72275", first.GetProperty("href").GetString());
        Assert.Equal(5, similar.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSystem.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task Given_the_fhir_faces_When_expanding_all_codes_and_an_implicit_value_set_and_asking_similar_Then_they_answer()
    {
        fixture.SkipIfUnavailable();
        var all = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync("/fhir/ValueSet/$expand?url=http://terminologyserver.org/fhir/ValueSet/all-codes&filter=epidurography&count=5"));
        var implicitVs = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync("/fhir/ValueSet/$expand?url=" + Uri.EscapeDataString("http://www.ama-assn.org/go/cpt?fhir_vs") + "&filter=contrast%20spinal&count=3"));
        var similar = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync("/fhir/CodeSystem/$similar?system=http://www.ama-assn.org/go/cpt&code=72275&count=3"));
        var noFilter = await fixture.Client.GetAsync("/fhir/ValueSet/$expand?url=http://terminologyserver.org/fhir/ValueSet/all-codes");
        var unknownCode = await fixture.Client.GetAsync("/fhir/CodeSystem/$similar?system=http://www.ama-assn.org/go/cpt&code=nope");

        Assert.Equal("72275", all.Expansion.Contains[0].Code);
        Assert.Equal(3, implicitVs.Expansion.Contains.Count);
        Assert.Equal(3, similar.Parameter.Count(p => p.Name == "similar"));
        Assert.Equal((HttpStatusCode)422, noFilter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCode.StatusCode);
    }

    private async System.Threading.Tasks.Task StoreNarrativeAsync()
    {
        Assert.True((await fixture.Writer.PutAsync("/fhir/CodeSystem/cpt-narratives", Wire.JsonBody(SeedNarrative.Supplement()))).IsSuccessStatusCode);
        Assert.True((await fixture.Writer.PutAsync("/fhir/PlanDefinition/cpt-72275", Wire.JsonBody(SeedNarrative.Plan()))).IsSuccessStatusCode);
    }
}

public sealed class SqliteWebPageTests(SqliteFixture fixture) : WebPageTests<SqliteFixture>(fixture);

public sealed class PostgresWebPageTests(PostgresFixture fixture) : WebPageTests<PostgresFixture>(fixture);
