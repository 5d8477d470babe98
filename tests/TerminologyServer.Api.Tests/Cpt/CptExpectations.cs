using Hl7.Fhir.Model;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Cpt;

/// <summary>
/// What the CPT code system under test holds, read from its source (the shipped fragment, or the files of a
/// full-size import), so that the expected code lists of the filter and value-set tests are computed from the
/// data with plain predicates, independently of the server's filter engine.
/// </summary>
public sealed class CptExpectations(IReadOnlyList<CptExpectations.Entry> entries)
{
    public sealed record Entry(string Code, bool Modifier, IReadOnlyList<string> Kinds, bool Telemedicine, bool Orthopox);

    public static CptExpectations Fragment { get; } = FromCodeSystem(FhirJson.Deserialize<CodeSystem>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fhir-resources", "CodeSystem-cpt.json"))));

    public IReadOnlyList<Entry> Entries { get; } = entries;

    public static CptExpectations FromCodeSystem(CodeSystem cs) => new(cs.Concept.Select(c => new Entry(
        c.Code!,
        Flag(c, "modifier"),
        c.Property.Where(p => p.Code == "kind").Select(p => ((Code)p.Value).Value!).ToList(),
        Flag(c, "telemedicine"),
        Flag(c, "orthopox"))).ToList());

    public static CptExpectations FromIndex(TerminologyServer.Engine.CodeSystems.CodeSystemIndex cs) => new(cs.Concepts.Select(c => new Entry(
        c.Code,
        c.PropertiesNamed("modifier").Any(p => p.IsTrue),
        c.PropertiesNamed("kind").Select(p => p.Value).ToList(),
        c.PropertiesNamed("telemedicine").Any(p => p.IsTrue),
        c.PropertiesNamed("orthopox").Any(p => p.IsTrue))).ToList());

    /// <summary>The codes matching <paramref name="predicate"/>, in ordinal order (as the tests compare them).</summary>
    public List<string> Codes(Func<Entry, bool> predicate) =>
        Entries.Where(predicate).Select(e => e.Code).Order(StringComparer.Ordinal).ToList();

    public List<string> Codes() => Codes(_ => true);

    private static bool Flag(CodeSystem.ConceptDefinitionComponent c, string code) =>
        c.Property.Any(p => p.Code == code && p.Value is FhirBoolean { Value: true });
}
