using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.CodeSystems.Computed;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.ValueSets;

/// <summary>The fast <c>$validate-code</c> JSON writer gives exactly Firely's bytes for every kind of answer.</summary>
public sealed class ValidateCodeJsonTests
{
    private const string Things = "http://example.org/cs/things";
    private const string ThingsVs = "http://example.org/vs/things";

    private static readonly CodeSystemRegistry CodeSystems = Registry();
    private static readonly ValueSetRegistry ValueSets = ValueSetsWithThings();

    private static CodeSystemRegistry Registry()
    {
        var cs = new CodeSystem
        {
            Url = Things, Version = "2.0", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete, CaseSensitive = false,
            Property = [new() { Code = "status", Type = CodeSystem.PropertyType.Code }],
            Concept =
            [
                new() { Code = "a", Display = "Quotes \" <b>&</b>\ttab é 😀" },
                new() { Code = "old", Display = "Old thing", Property = [new() { Code = "status", Value = new Code("retired") }] },
            ],
        };
        var registry = ComputedCodeSystems.Register(new CodeSystemRegistry());
        registry.Put("things", FhirCodeSystemReader.ToIndex(cs));
        return registry;
    }

    private static ValueSetRegistry ValueSetsWithThings()
    {
        var registry = new ValueSetRegistry();
        registry.Put("things", new ValueSet { Url = ThingsVs, Status = PublicationStatus.Active, Compose = new() { Include = [new() { System = Things }] } });
        return registry;
    }

    public static TheoryData<string, string?, string?, string?> Requests() => new()
    {
        { Things, "a", null, null },                   // valid, display with characters to escape
        { Things, "A", "Quotes", null },               // case difference, wrong display: issues, message, normalized-code
        { Things, "old", null, null },                 // inactive, status
        { Things, "nope", null, null },                // unknown code
        { "http://example.org/unknown", "x", null, null }, // unknown system: x-unknown-system
        { Bcp47CodeSystem.Url, "de-ch", null, "CodeSystem" }, // computed system, code system level
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void GivenAValidateCodeResult_WhenWrittenByTheFastWriter_ThenBytesEqualFirelyCompactAndPretty(string system, string? code, string? display, string? level)
    {
        var result = Run(system, code, display, level);

        Assert.Equal(Firely(result, FhirJson.Strict), Fast(result, FhirJson.Strict));
        Assert.Equal(Firely(result, FhirJson.Pretty), Fast(result, FhirJson.Pretty));
    }

    [Fact]
    public void GivenAnAnswerAboutACodeableConcept_WhenAskedWhetherTheFastWriterTakesIt_ThenItIsLeftToFirely()
    {
        var result = new ValueSetValidator().ValidateCode(
            new ValidateCodeRequest { Url = ThingsVs, CodeableConcept = new CodeableConcept(Things, "a") }, ValueSets, CodeSystems);

        Assert.False(ValidateCodeJson.CanWrite(result));
    }

    private static ValidateCodeResult Run(string system, string? code, string? display, string? level)
    {
        var validator = new ValueSetValidator();
        return level == "CodeSystem"
            ? validator.ValidateCodeInCodeSystem(new ValidateCodeRequest { Url = system, Code = code, Display = display }, CodeSystems)
            : validator.ValidateCode(new ValidateCodeRequest { Url = ThingsVs, System = system, Code = code, Display = display }, ValueSets, CodeSystems);
    }

    private static string Fast(ValidateCodeResult result, JsonSerializerOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, LookupJson.WriterOptions(options)))
        {
            ValidateCodeJson.Write(writer, result, options);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Firely(ValidateCodeResult result, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(result.ToParameters(), options);
}
