namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// A concept inside a <see cref="CodeSystemIndex"/>. Parents and children are indexes into
/// <see cref="CodeSystemIndex.Concepts"/>, so the hierarchy is walked without lookups.
/// A concept may have several parents.
/// </summary>
public sealed class Concept
{
    internal Concept(int index, string code, string? display, string? definition)
    {
        Index = index;
        Code = code;
        Display = display;
        Definition = definition;
    }

    public int Index { get; }
    public string Code { get; }
    public string? Display { get; }
    public string? Definition { get; }
    public int[] Parents { get; internal set; } = [];
    public int[] Children { get; internal set; } = [];

    /// <summary>The parent this concept was nested under in the source resource, or -1.</summary>
    public int NestedUnder { get; internal set; } = -1;

    public PropertyValue[] Properties { get; internal set; } = [];
    public Designation[] Designations { get; internal set; } = [];

    /// <summary>
    /// The concept's own extensions as the resource states them (codesystem-label, codesystem-conceptOrder, itemWeight,
    /// rendering-*, …), in source order; empty (a shared empty array) for the many concepts without any.
    /// See <see cref="ConceptExtensions"/> for the ones with a meaning.
    /// </summary>
    public Hl7.Fhir.Model.Extension[] Extensions { get; internal set; } = [];

    /// <summary>True when the concept carries <c>inactive = true</c> or a retired/inactive status.</summary>
    public bool IsInactive { get; internal set; }

    /// <summary>True when the concept is not selectable (<c>notSelectable = true</c> or <c>abstract = true</c>).</summary>
    public bool IsAbstract { get; internal set; }

    public IEnumerable<PropertyValue> PropertiesNamed(string code)
    {
        foreach (var p in Properties)
        {
            if (p.Code == code)
            {
                yield return p;
            }
        }
    }
}
