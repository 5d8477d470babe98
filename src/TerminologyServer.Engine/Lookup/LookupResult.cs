using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Lookup;

/// <summary>Output of <c>CodeSystem/$lookup</c>.</summary>
public sealed record LookupResult(
    string Name,
    string? Version,
    string? Display,
    string? Definition,
    bool Abstract,
    IReadOnlyList<Designation> Designations,
    IReadOnlyList<LookupProperty> Properties)
{
    /// <summary>The code looked up, as the code system has it (echoed as tx.fhir.org does).</summary>
    public string? Code { get; init; }

    /// <summary>The code system's url.</summary>
    public string? System { get; init; }

    /// <summary>The concept's display as a designation in the code system's language (listed before <see cref="Designations"/>), or null.</summary>
    public Designation? DisplayDesignation { get; init; }
}

/// <summary>One returned property: its code, its value and the property's description.</summary>
public sealed record LookupProperty(string Code, PropertyValue Value, string? Description)
{
    /// <summary>The display of the property code itself when it is a concept (a SNOMED CT attribute), sent as <c>code-display</c>.</summary>
    public string? CodeDisplay { get; init; }
}
