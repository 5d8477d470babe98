using System.Globalization;
using Hl7.Fhir.Model;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Engine.Narratives;

/// <summary>
/// Turns a parsed narrative into the concept of its code system's narrative supplement (one property value per
/// item, in declaration order) and merges that concept into the supplement; and reads such a concept back into a
/// document for the renderer.
/// </summary>
public static class NarrativeMapper
{
    /// <summary>The supplement concept of <paramref name="code"/>: title as display, the procedure name as a designation, the narrative as properties.</summary>
    public static CodeSystem.ConceptDefinitionComponent ToConcept(NarrativeDocument doc, string code, string planDefinitionUrl)
    {
        var concept = new CodeSystem.ConceptDefinitionComponent { Code = code, Display = doc.Title };
        if (doc.ProcedureName is { } name)
        {
            concept.Designation.Add(new CodeSystem.DesignationComponent
            {
                Use = new Coding(P.NameUseSystem, P.NameUseCode, "Name of the procedure"),
                Value = name,
            });
        }

        foreach (var (property, _, _) in P.All)
        {
            foreach (var value in doc.ValuesOf(property))
            {
                concept.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = property, Value = new FhirString(value) });
            }

            if (property == P.Duration && doc.ValuesOf(P.Duration).FirstOrDefault() is { } duration && NarrativeSections.Minutes(duration) is var (min, max))
            {
                concept.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = P.DurationMin, Value = new Integer(min) });
                concept.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = P.DurationMax, Value = new Integer(max) });
            }
        }

        concept.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = P.PlanDefinition, Value = new FhirString(planDefinitionUrl) });
        return concept;
    }

    /// <summary>
    /// The narrative supplement of a code system with <paramref name="concept"/> added or replaced; the other
    /// concepts of <paramref name="existing"/> are kept, all ordered by code so equal content serialises equally.
    /// </summary>
    public static CodeSystem MergeIntoSupplement(CodeSystem? existing, string codeSystemId, string systemUrl, string? systemTitle, CodeSystem.ConceptDefinitionComponent concept)
    {
        var supplement = new CodeSystem
        {
            Id = P.SupplementId(codeSystemId),
            Url = P.SupplementUrl(codeSystemId),
            Name = "NarrativeSupplement" + Pascal(codeSystemId),
            Title = $"Patient narratives for {systemTitle ?? systemUrl}",
            Status = PublicationStatus.Active,
            Experimental = false,
            Description = "Plain-language procedure narratives (summary, purpose, indications, steps, risks, recovery…) as properties of the codes, "
                + "imported from narrative documents. Each concept links to the PlanDefinition of its procedure (property plan-definition).",
            CaseSensitive = true,
            Content = CodeSystemContentMode.Supplement,
            Supplements = systemUrl,
        };
        foreach (var (code, type, _) in P.All)
        {
            supplement.Property.Add(new CodeSystem.PropertyComponent
            {
                Code = code,
                Uri = P.PropertyUriBase + code,
                Type = type == CodeSystems.PropertyType.Integer ? CodeSystem.PropertyType.Integer : CodeSystem.PropertyType.String,
            });
        }

        var concepts = existing?.Concept.Where(c => c.Code != concept.Code).ToList() ?? [];
        concepts.Add(concept);
        supplement.Concept = concepts.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        supplement.Count = supplement.Concept.Count;
        return supplement;
    }

    /// <summary>The document a stored supplement concept describes (the renderer's input); null values are skipped.</summary>
    public static NarrativeDocument FromConcept(CodeSystem.ConceptDefinitionComponent concept, string systemUrl, string source)
    {
        var values = new List<NarrativeValue>();
        foreach (var p in concept.Property)
        {
            if (p.Code is P.DurationMin or P.DurationMax or P.PlanDefinition || p.Code is null)
            {
                continue;
            }

            var text = p.Value switch
            {
                FhirString s => s.Value,
                Integer i => i.Value?.ToString(CultureInfo.InvariantCulture),
                _ => p.Value?.ToString(),
            };
            if (!string.IsNullOrEmpty(text))
            {
                values.Add(new NarrativeValue(p.Code, text, 0));
            }
        }

        return new NarrativeDocument
        {
            Source = source,
            Title = concept.Display ?? concept.Code ?? "",
            System = systemUrl,
            SystemLabel = NarrativeHeadings.LabelFor(systemUrl),
            Code = concept.Code,
            ProcedureName = concept.Designation.FirstOrDefault(d => d.Use?.System == P.NameUseSystem && d.Use.Code == P.NameUseCode)?.Value,
            Values = values,
        };
    }

    /// <summary>"cpt-narratives" → "CptNarratives": a name usable as an identifier (FHIR's cnl-0).</summary>
    public static string Pascal(string text)
    {
        var words = NarrativeHeadings.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
