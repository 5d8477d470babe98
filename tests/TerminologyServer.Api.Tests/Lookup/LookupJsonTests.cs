using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Operations;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Lookup;

/// <summary>
/// The fast <c>$lookup</c> JSON writer against the Firely path it replaces: same bytes, and the same
/// Parameters once read back, for plain, pretty, hierarchical and every property value type.
/// </summary>
public sealed class LookupJsonTests
{
    private const string Url = "http://example.org/lookup-json";

    /// <summary>Every property type, designations with and without language/use, escaping-sensitive text, a hierarchy.</summary>
    private static CodeSystem Sample() => new()
    {
        Url = Url,
        Version = "2.1",
        Name = "LookupJsonSample",
        Title = "Sample \"quoted\" <title> & ünïcode",
        Language = "en",
        Status = PublicationStatus.Active,
        Content = CodeSystemContentMode.Complete,
        Property =
        [
            new() { Code = "kind", Type = CodeSystem.PropertyType.Code, Description = "Kind of thing" },
            new() { Code = "mapped", Type = CodeSystem.PropertyType.Coding },
            new() { Code = "note", Type = CodeSystem.PropertyType.String, Description = "Free text\twith a tab" },
            new() { Code = "rank", Type = CodeSystem.PropertyType.Integer },
            new() { Code = "weight", Type = CodeSystem.PropertyType.Decimal },
            new() { Code = "since", Type = CodeSystem.PropertyType.DateTime },
            new() { Code = "notSelectable", Type = CodeSystem.PropertyType.Boolean },
        ],
        Concept =
        [
            new()
            {
                Code = "root", Display = "Root", Definition = "Top of the tree\nsecond line " + string.Concat(Enumerable.Repeat("long \"quoted\" <b>&</b> ünï 😀 text, ", 20)),
                Designation =
                [
                    new() { Language = "de", Use = new Coding("http://snomed.info/sct", "900000000000013009", "Synonym"), Value = "Wurzel – äöü" },
                    new() { Value = "No language, no use" },
                    new() { Language = "en", Value = "A narrative-length designation: " + string.Concat(Enumerable.Repeat("\"it's\" <i>&amp;</i> – ü 😀\t\n", 30)) },
                    new() { Language = "fr", Use = new Coding { Code = "only-code" }, Value = "Racine" },
                ],
                Property =
                [
                    new() { Code = "notSelectable", Value = new FhirBoolean(true) },
                    new() { Code = "kind", Value = new Code("group") },
                ],
                Concept =
                [
                    new()
                    {
                        Code = "leaf", Display = "Leaf <b>bold</b> & \"quoted\" \u00e9 \U0001F600",
                        Property =
                        [
                            new() { Code = "mapped", Value = new Coding("http://loinc.org", "1234-5", "Some LOINC") },
                            new() { Code = "note", Value = new FhirString("It's a 'leaf' \\ with backslash") },
                            new() { Code = "rank", Value = new Integer(-42) },
                            new() { Code = "weight", Value = new FhirDecimal(1.50m) },
                            new() { Code = "since", Value = new FhirDateTime("2024-03-01T10:00:00+01:00") },
                            new() { Code = "undeclared", Value = new FhirString("no definition") },
                            new() { Code = "status", Value = new Code("retired") },
                        ],
                    },
                    new() { Code = "sibling", Display = "Sibling" },
                ],
            },
        ],
    };

    private static CodeSystemRegistry Registry(params CodeSystem[] systems)
    {
        var registry = new CodeSystemRegistry();
        for (var i = 0; i < systems.Length; i++)
        {
            registry.Put($"cs{i}", FhirCodeSystemReader.ToIndex(systems[i]));
        }

        return registry;
    }

    private static CodeSystem ShippedCpt() =>
        FhirJson.Deserialize<CodeSystem>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fhir-resources", "CodeSystem-cpt.json")));

    private static string Fast(LookupResult result, JsonSerializerOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, LookupJson.WriterOptions(options)))
        {
            LookupJson.Write(writer, result);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Firely(LookupResult result, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(LookupParameters.ToParameters(result), options);

    public static TheoryData<string, string, string[]> Lookups() => new()
    {
        { "sample", "root", [] },
        { "sample", "leaf", [] },
        { "sample", "leaf", ["*"] },
        { "sample", "leaf", ["weight", "mapped", "parent"] },
        { "sample", "sibling", [] },
        { "cpt", "72275", [] },
        { "cpt", "26", [] },
        { "cpt", "62321", ["kind", "inactive"] },
    };

    [Theory]
    [MemberData(nameof(Lookups))]
    public void GivenLookupResult_WhenWrittenByFastWriter_ThenBytesEqualFirelyCompactAndPretty(string system, string code, string[] properties)
    {
        var result = Run(system, code, properties);

        Assert.Equal(Firely(result, FhirJson.Strict), Fast(result, FhirJson.Strict));
        Assert.Equal(Firely(result, FhirJson.Pretty), Fast(result, FhirJson.Pretty));
    }

    [Theory]
    [MemberData(nameof(Lookups))]
    public void GivenLookupResult_WhenFastJsonIsReadBack_ThenItIsTheSameParametersAsTheFirelyPath(string system, string code, string[] properties)
    {
        var result = Run(system, code, properties);

        var read = JsonSerializer.Deserialize<Parameters>(Fast(result, FhirJson.Strict), FhirJson.Strict);

        Assert.True(LookupParameters.ToParameters(result).IsExactly(read), Fast(result, FhirJson.Pretty));
    }

    private static LookupResult Run(string system, string code, string[] properties)
    {
        var (registry, url) = system == "cpt" ? (Registry(ShippedCpt()), "http://www.ama-assn.org/go/cpt") : (Registry(Sample()), Url);
        return new LookupService().Lookup(registry, new LookupRequest { System = url, Code = code, Properties = properties });
    }
}

/// <summary>Over HTTP: compact JSON, <c>_pretty</c> JSON and XML carry the same Parameters.</summary>
public sealed class LookupFormatsApiTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Theory]
    [InlineData("72275")]
    [InlineData("26")]
    public async System.Threading.Tasks.Task GivenLookup_WhenAskedForCompactPrettyAndXml_ThenAllThreeAreTheSameParameters(string code)
    {
        var query = $"/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code={code}";

        var compact = await fixture.Client.GetAsync(query);
        var pretty = await fixture.Client.GetAsync(query + "&_pretty=true");
        var xml = await fixture.Client.GetAsync(query + "&_format=xml");

        Assert.All([compact, pretty, xml], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("application/fhir+json; charset=utf-8", compact.Content.Headers.ContentType?.ToString());
        Assert.Equal("application/fhir+xml", xml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\n", await pretty.Content.ReadAsStringAsync());
        var c = await Wire.ReadAsync<Parameters>(compact);
        Assert.True(c.IsExactly(await Wire.ReadAsync<Parameters>(pretty)));
        Assert.True(c.IsExactly(await Wire.ReadAsync<Parameters>(xml)));
    }
}
