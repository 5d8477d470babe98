using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import;

/// <summary>
/// One concept as a reader produces it: code, display, parent codes, properties and designations. Readers yield
/// these one at a time, so a file of any size passes through without building a FHIR object graph.
/// </summary>
public sealed class ImportedConcept(string code, string? display, string? definition = null)
{
    public string Code { get; } = code;

    public string? Display { get; } = display;

    public string? Definition { get; } = definition;

    public List<string> Parents { get; } = [];

    public List<PropertyValue> Properties { get; } = [];

    public List<Designation> Designations { get; } = [];

    /// <summary>The concept's own extensions (a FHIR CodeSystem's concept.extension), null when it has none.</summary>
    public IReadOnlyList<Hl7.Fhir.Model.Extension>? Extensions { get; init; }

    public ImportedConcept Parent(string code)
    {
        Parents.Add(code);
        return this;
    }

    public ImportedConcept Property(string code, bool value) => Property(new PropertyValue(code, PropertyType.Boolean, value ? "true" : "false"));

    public ImportedConcept Property(string code, PropertyType type, string value) => Property(new PropertyValue(code, type, value));

    public ImportedConcept Property(PropertyValue value)
    {
        Properties.Add(value);
        return this;
    }

    public ImportedConcept Designation(Designation designation)
    {
        Designations.Add(designation);
        return this;
    }
}
