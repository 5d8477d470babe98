namespace TerminologyServer.Engine.CodeSystems;

/// <summary>A property declared by a code system (<c>CodeSystem.property</c>).</summary>
public sealed record PropertyDefinition(string Code, string? Uri, string? Description, PropertyType Type);
