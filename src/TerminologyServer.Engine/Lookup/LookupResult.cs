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
    IReadOnlyList<LookupProperty> Properties);

/// <summary>One returned property: its code, its value and the property's description.</summary>
public sealed record LookupProperty(string Code, PropertyValue Value, string? Description);
