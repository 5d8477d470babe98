namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// One property value of a concept. <see cref="Value"/> holds the literal in its FHIR string form
/// (a code, "true", "12", an ISO date-time); for Coding values it is the code and
/// <see cref="System"/>/<see cref="Display"/> carry the rest.
/// </summary>
public sealed record PropertyValue(string Code, PropertyType Type, string Value, string? System = null, string? Display = null)
{
    public bool IsTrue => Type == PropertyType.Boolean && Value == "true";
}
