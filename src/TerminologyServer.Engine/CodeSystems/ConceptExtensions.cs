using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// The concept-level extensions of code systems, supplements and value set compose concepts that the terminology
/// operations give a meaning to (https://hl7.org/fhir/extensions): a label, an order and a weight, which an expansion
/// returns as the standard concept properties <c>label</c>, <c>order</c> and <c>weight</c>, and the presentation
/// extensions (rendering-*) that travel with the member.
/// </summary>
public static class ConceptExtensions
{
    public const string CodeSystemLabel = "http://hl7.org/fhir/StructureDefinition/codesystem-label";
    public const string CodeSystemConceptOrder = "http://hl7.org/fhir/StructureDefinition/codesystem-conceptOrder";
    public const string ValueSetLabel = "http://hl7.org/fhir/StructureDefinition/valueset-label";
    public const string ValueSetConceptOrder = "http://hl7.org/fhir/StructureDefinition/valueset-conceptOrder";
    public const string ItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";
    public const string RenderingStyle = "http://hl7.org/fhir/StructureDefinition/rendering-style";
    public const string RenderingXhtml = "http://hl7.org/fhir/StructureDefinition/rendering-xhtml";

    /// <summary>The property codes an expansion derives from these extensions, in the order they are written.</summary>
    public static readonly string[] PropertyCodes = ["label", "order", "weight"];

    public const string SctDescriptionId = "http://hl7.org/fhir/StructureDefinition/coding-sctdescid";
    public const string Alternate = "http://hl7.org/fhir/StructureDefinition/codesystem-alternate";

    /// <summary>
    /// True for an extension of a concept that goes out on the expansion member as it is: presentation
    /// (rendering-style, rendering-xhtml) and identity (coding-sctdescid, codesystem-alternate). Others (label,
    /// order, weight, status) become properties, or stay with the definition.
    /// </summary>
    public static bool IsEchoed(string? url) => url is RenderingStyle or RenderingXhtml or SctDescriptionId or Alternate;

    /// <summary>
    /// The value of the property <paramref name="code"/> (label, order or weight) stated by <paramref name="extensions"/>,
    /// code system or value set flavour alike; null when they do not state it. An order is a decimal, as in R5.
    /// </summary>
    public static DataType? PropertyValue(IReadOnlyList<Extension> extensions, string code)
    {
        foreach (var e in extensions)
        {
            switch (code)
            {
                case "label" when e.Url is CodeSystemLabel or ValueSetLabel && e.Value is FhirString { Value: not null } s:
                    return new FhirString(s.Value);
                case "order" when e.Url is CodeSystemConceptOrder or ValueSetConceptOrder && e.Value is Integer { Value: { } i }:
                    return new FhirDecimal(i);
                case "order" when e.Url is CodeSystemConceptOrder or ValueSetConceptOrder && e.Value is FhirDecimal { Value: { } d }:
                    return new FhirDecimal(d);
                case "weight" when e.Url is ItemWeight && e.Value is FhirDecimal { Value: { } w }:
                    return new FhirDecimal(w);
                case "weight" when e.Url is ItemWeight && e.Value is Integer { Value: { } w }:
                    return new FhirDecimal(w);
            }
        }

        return null;
    }
}
