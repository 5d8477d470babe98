using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Compose;

/// <summary>
/// Content that is not (or no longer) ready for use: draft code systems, value sets and value set entries
/// marked withdrawn or deprecated with the standards-status extension. Expansions echo it as
/// <c>warning-*</c> parameters and validations as information issues, so clients can warn their users.
/// </summary>
internal static class ContentStatus
{
    public const string StandardsStatus = "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status";
    public const string ValueSetDeprecated = "http://hl7.org/fhir/StructureDefinition/valueset-deprecated";

    /// <summary>
    /// (status, canonical, kind) for each code system and value set used that carries a warning status. One status
    /// per resource, the first that holds of: deprecated or withdrawn (standards-status extension), retired
    /// (status), experimental, draft (status or standards-status). The first three are always reported, the value
    /// set being evaluated included; experimental and draft only when the value set evaluated is not so itself
    /// (an experimental value set may use experimental content without a warning).
    /// </summary>
    public static IEnumerable<(string Status, string Canonical, string Kind)> Warnings(EvaluationContext context)
    {
        var root = context.CompiledValueSets.FirstOrDefault();
        var rootExperimental = root?.Experimental == true;
        var rootDraft = root is not null && (root.Status == PublicationStatus.Draft || StandardsStatusOf(root) == "draft");
        foreach (var cs in context.UsedSystems)
        {
            if (Pick(cs.Info.StandardsStatus, cs.Info.Status, cs.Info.Experimental, rootExperimental, rootDraft) is { } status)
            {
                yield return (status, cs.ToString(), "CodeSystem");
            }
        }

        foreach (var vs in context.CompiledValueSets.Where(v => v.Url is not null))
        {
            var canonical = vs.Version is null ? vs.Url! : $"{vs.Url}|{vs.Version}";
            var status = Pick(StandardsStatusOf(vs), vs.Status switch { PublicationStatus.Retired => "retired", PublicationStatus.Draft => "draft", _ => null }, vs.Experimental == true, rootExperimental, rootDraft);
            if (status is not null)
            {
                yield return (status, canonical, "ValueSet");
            }
        }
    }

    private static string? Pick(string? standardsStatus, string? status, bool experimental, bool rootExperimental, bool rootDraft) =>
        standardsStatus is "deprecated" or "withdrawn" ? standardsStatus
        : status == "retired" ? "retired"
        : experimental ? (rootExperimental ? null : "experimental")
        : status == "draft" || standardsStatus == "draft" ? (rootDraft ? null : "draft")
        : null;

    private static string? StandardsStatusOf(ValueSet vs) => vs.GetExtensionValue<Code>(StandardsStatus)?.Value;

    /// <summary>
    /// The status a code system states for a concept: its <c>status</c> property, else its standards-status
    /// extension (deprecated, withdrawn, draft...); null when it states none.
    /// </summary>
    public static string? ConceptStatus(CodeSystems.Concept concept)
    {
        foreach (var p in concept.PropertiesNamed("status"))
        {
            return p.Value;
        }

        foreach (var e in concept.Extensions)
        {
            if (e.Url == StandardsStatus && e.Value is Code { Value: { } status })
            {
                return status;
            }
        }

        return null;
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
