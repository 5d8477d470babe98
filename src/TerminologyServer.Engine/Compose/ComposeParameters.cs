using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Compose;

/// <summary>
/// Default operation parameters a value set carries in its compose (extension
/// http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter, with <c>name</c> and <c>value</c>).
/// </summary>
internal static class ComposeParameters
{
    public const string Url = "http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter";

    /// <summary>Every (name, value) the value set states, in order.</summary>
    public static IEnumerable<(string Name, string Value)> All(ValueSet vs) =>
        vs.Compose?.GetExtensions(Url)
            .Select(e => (Name: e.GetExtensionValue<Code>("name")?.Value, Value: e.GetExtension("value")?.Value?.ToString()))
            .Where(p => p.Name is not null && p.Value is not null)
            .Select(p => (p.Name!, p.Value!))
        ?? [];

    /// <summary>The last value stated for <paramref name="name"/>, or null.</summary>
    public static string? Get(ValueSet vs, string name) => All(vs).LastOrDefault(p => p.Name == name).Value;
}
