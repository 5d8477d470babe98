using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Rest;

/// <summary>
/// The Firely SDK's own <see cref="FhirClient"/> against the server, in JSON and in XML: read, search, create,
/// conditional create, transaction, history and every terminology operation, as a FHIR application would call them.
/// </summary>
public sealed class FhirClientTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const string Gender = "http://hl7.org/fhir/ValueSet/administrative-gender";
    private const string GenderSystem = "http://hl7.org/fhir/administrative-gender";

    private FhirClient Client(ResourceFormat format, bool writer = false)
    {
        var http = fixture.Factory.CreateClient();
        if (writer)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestDatabases.TestApiKey);
        }

        return new FhirClient(new Uri(http.BaseAddress!, "/fhir/"), http, new FhirClientSettings { PreferredFormat = format, VerifyFhirVersion = false });
    }

    private static CodeSystem Sample(string url) => new()
    {
        Url = url,
        Name = "ClientSample",
        Status = PublicationStatus.Active,
        Content = CodeSystemContentMode.Complete,
        Concept = [new() { Code = "a", Display = "A" }, new() { Code = "b", Display = "B" }],
    };

    [Theory]
    [InlineData(ResourceFormat.Json)]
    [InlineData(ResourceFormat.Xml)]
    public async System.Threading.Tasks.Task GivenTheFirelyClient_WhenReadingAndSearching_ThenItGetsTheResources(ResourceFormat format)
    {
        var client = Client(format);

        var found = await client.SearchAsync<ValueSet>([$"url={Gender}"]);
        var vs = Assert.IsType<ValueSet>(Assert.Single(found!.Entry).Resource);
        var read = await client.ReadAsync<ValueSet>($"ValueSet/{vs.Id}");

        Assert.Equal(Gender, read!.Url);
    }

    [Theory]
    [InlineData(ResourceFormat.Json)]
    [InlineData(ResourceFormat.Xml)]
    public async System.Threading.Tasks.Task GivenTheFirelyClient_WhenCreatingConditionallyAndReadingHistory_ThenOneResourceWithItsVersions(ResourceFormat format)
    {
        var client = Client(format, writer: true);
        var url = $"http://example.org/client/{Guid.NewGuid():N}";

        var created = await client.CreateAsync(Sample(url));
        var again = await client.ConditionalCreateAsync(Sample(url), new SearchParams().Where($"url={url}"));
        created!.Description = "second version";
        await client.UpdateAsync(created);
        var history = await client.HistoryAsync($"CodeSystem/{created.Id}");

        Assert.Equal(created.Id, again!.Id);
        Assert.Equal(2, history!.Entry.Count);
    }

    [Theory]
    [InlineData(ResourceFormat.Json)]
    [InlineData(ResourceFormat.Xml)]
    public async System.Threading.Tasks.Task GivenTheFirelyClient_WhenSendingATransaction_ThenEveryEntryLands(ResourceFormat format)
    {
        var client = Client(format, writer: true);
        var url = $"http://example.org/client-tx/{Guid.NewGuid():N}";
        var valueSet = new ValueSet { Url = url + "/vs", Status = PublicationStatus.Active, Compose = new() { Include = [new() { System = url }] } };
        var bundle = new TransactionBuilder(client.Endpoint, Bundle.BundleType.Transaction).Create(Sample(url)).Create(valueSet).ToBundle();

        var answer = await client.TransactionAsync(bundle);

        Assert.Equal(Bundle.BundleType.TransactionResponse, answer!.Type);
        Assert.All(answer.Entry, e => Assert.StartsWith("201", e.Response.Status, StringComparison.Ordinal));
        var expansion = (ValueSet)(await client.TypeOperationAsync<ValueSet>("expand", new Parameters().Add("url", new FhirUri(url + "/vs")), useGet: true))!;
        Assert.Equal(2, expansion.Expansion.Contains.Count);
    }

    [Theory]
    [InlineData(ResourceFormat.Json)]
    [InlineData(ResourceFormat.Xml)]
    public async System.Threading.Tasks.Task GivenTheFirelyClient_WhenCallingEachTerminologyOperation_ThenEachAnswers(ResourceFormat format)
    {
        var client = Client(format);

        var expansion = (ValueSet)(await client.TypeOperationAsync<ValueSet>("expand", new Parameters().Add("url", new FhirUri(Gender)).Add("filter", new FhirString("fem")), useGet: false))!;
        var validated = (Parameters)(await client.TypeOperationAsync<ValueSet>("validate-code",
            new Parameters().Add("url", new FhirUri(Gender)).Add("coding", new Coding(GenderSystem, "male")), useGet: false))!;
        var lookup = (Parameters)(await client.TypeOperationAsync<CodeSystem>("lookup",
            new Parameters().Add("system", new FhirUri(GenderSystem)).Add("code", new Code("other")), useGet: true))!;
        var subsumes = (Parameters)(await client.TypeOperationAsync<CodeSystem>("subsumes",
            new Parameters().Add("system", new FhirUri(GenderSystem)).Add("codeA", new Code("male")).Add("codeB", new Code("male")), useGet: false))!;
        var translated = await client.TranslateConceptAsync(
            code: new Code("male"), system: new FhirUri(GenderSystem), version: null, valueSet: null, coding: null, codeableConcept: null, target: new FhirUri("http://terminology.hl7.org/ValueSet/v2-0001"), dependencies: null);

        Assert.Equal("female", Assert.Single(expansion.Expansion.Contains).Code);
        Assert.Equal("true", validated.Value("result"));
        Assert.Equal("Other", lookup.Value("display"));
        Assert.Equal("equivalent", subsumes.Value("outcome"));
        Assert.Equal("true", translated!.Value("result"));
        Assert.Equal("M", ((Coding)translated.Parameter.Single(p => p.Name == "match").Part.Single(p => p.Name == "concept").Value).Code);
    }
}
