namespace TerminologyServer.Engine.CodeSystems;

/// <summary>How a designation is used (a Coding, e.g. SNOMED 900000000000013009 "Synonym").</summary>
public sealed record DesignationUse(string? System, string? Code, string? Display);

/// <summary>An additional representation of a concept (<c>CodeSystem.concept.designation</c>).</summary>
public sealed record Designation(string? Language, DesignationUse? Use, string Value);
