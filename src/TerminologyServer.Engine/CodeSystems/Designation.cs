using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>How a designation is used (a Coding, e.g. SNOMED 900000000000013009 "Synonym").</summary>
public sealed record DesignationUse(string? System, string? Code, string? Display);

/// <summary>
/// An additional representation of a concept (<c>CodeSystem.concept.designation</c>). <see cref="Extensions"/> are the
/// designation's own extensions (coding-sctdescid, standards-status…), null when it has none; they are echoed in expansions.
/// </summary>
public sealed record Designation(string? Language, DesignationUse? Use, string Value, IReadOnlyList<Extension>? Extensions = null);
