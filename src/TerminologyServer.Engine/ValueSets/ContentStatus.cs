using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// Content that is not (or no longer) ready for use: draft code systems, value sets and value set entries
/// marked withdrawn or deprecated with the standards-status extension. Expansions echo it as
/// <c>warning-*</c> parameters and validations as information issues, so clients can warn their users.
/// </summary>
internal static class ContentStatus
{
    public const string StandardsStatus = "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status";
    public const string ValueSetDeprecated = "http://hl7.org/fhir/StructureDefinition/valueset-deprecated";

    /// <summary>(status, canonical, kind) for each code system and value set used that carries a warning status.</summary>
    public static IEnumerable<(string Status, string Canonical, string Kind)> Warnings(EvaluationContext context)
    {
        foreach (var cs in context.UsedSystems)
        {
            var status = cs.Info.Status switch
            {
                "draft" => "draft",
                "retired" => "withdrawn",
                _ => cs.Info.StandardsStatus is "deprecated" or "withdrawn" ? cs.Info.StandardsStatus : cs.Info.Experimental ? "experimental" : null,
            };
            if (status is not null)
            {
                yield return (status, cs.ToString(), "CodeSystem");
            }
        }

        foreach (var vs in context.CompiledValueSets.Where(v => v.Url is not null))
        {
            var canonical = vs.Version is null ? vs.Url! : $"{vs.Url}|{vs.Version}";
            // A draft value set is normal while authoring; only a withdrawn or deprecated one is worth a warning.
            if (vs.GetExtensionValue<Code>(StandardsStatus)?.Value is { } status && status is "withdrawn" or "deprecated")
            {
                yield return (status, canonical, "ValueSet");
            }
        }
    }

    /// <summary>True when the value set marks its entry for the code as deprecated or withdrawn.</summary>
    public static string? EntryStatus(ValueSet.ConceptReferenceComponent? listed)
    {
        if (listed is null)
        {
            return null;
        }

        if (listed.GetExtensionValue<Code>(StandardsStatus)?.Value is { } status && status is "deprecated" or "withdrawn")
        {
            return status;
        }

        return listed.GetExtension(ValueSetDeprecated)?.Value?.ToString() == "true" ? "deprecated" : null;
    }
}
