using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// Presents a <see cref="SnomedEdition"/> to the operations as a <see cref="CodeSystemIndex"/> of
/// <c>http://snomed.info/sct</c>: one concept per SCTID, display = the preferred term (US English, else GB English,
/// else the FSN), designations = the active FSNs and synonyms, the inferred IS-A hierarchy. Attributes, module,
/// effective time and the like are computed from the edition on demand by <see cref="SnomedBehaviour"/>.
/// </summary>
public static class SnomedCodeSystem
{
    private static readonly DesignationUse FsnUse = new(SnomedVersion.SystemUrl, "900000000000003001", "Fully specified name");
    private static readonly DesignationUse SynonymUse = new(SnomedVersion.SystemUrl, "900000000000013009", "Synonym");

    /// <summary>Builds the index; <paramref name="revision"/> is the storage change number it reflects.</summary>
    public static CodeSystemIndex Build(SnomedEdition edition, long revision = 0)
    {
        var version = edition.Version.ToString();
        var info = new CodeSystemInfo
        {
            Url = SnomedVersion.SystemUrl,
            Version = version,
            Name = "SNOMED CT",
            Title = SnomedVersion.SystemUrl + "|" + version,
            Status = "active",
            Content = "complete",
            HierarchyMeaning = "is-a",
            Publisher = "SNOMED International",
            Copyright = "© SNOMED International. Used under the SNOMED CT Affiliate Licence of the licensee who imported this edition.",
        };
        int fsn = edition.IndexOf(SnomedIds.Fsn), synonym = edition.IndexOf(SnomedIds.Synonym), definition = edition.IndexOf(SnomedIds.Definition);
        var languages = new Dictionary<string, string>(StringComparer.Ordinal);
        var concepts = new Concept[edition.Count];
        for (var i = 0; i < concepts.Length; i++)
        {
            var descriptions = edition.Descriptions(i);
            string? text = null;
            var designations = new List<Designation>(descriptions.Length);
            foreach (var d in descriptions)
            {
                if (!d.Active || d.Type < 0)
                {
                    continue;
                }

                if (d.Type == definition)
                {
                    text ??= d.Term;
                }
                else if (d.Type == fsn || d.Type == synonym)
                {
                    var language = languages.TryGetValue(d.LanguageCode, out var l) ? l : languages[d.LanguageCode] = d.LanguageCode;
                    designations.Add(new Designation(language, d.Type == fsn ? FsnUse : SynonymUse, d.Term));
                }
            }

            var facts = edition.Facts(i);
            concepts[i] = new Concept(i, edition.IdOf(i).ToString(System.Globalization.CultureInfo.InvariantCulture), PreferredTerm(edition, i, null), text)
            {
                Designations = [.. designations],
                IsInactive = !facts.Active,
            };
        }

        for (var i = 0; i < concepts.Length; i++)
        {
            concepts[i].Parents = edition.Parents(i).ToArray();
            concepts[i].Children = edition.Children(i).ToArray();
        }

        return new CodeSystemIndex(info, Properties, concepts, revision, edition);
    }

    /// <summary>
    /// The preferred synonym of a concept in the first dialect (language refset) of <paramref name="dialects"/> that
    /// has one (default: US English, then GB English), else any preferred synonym, else the FSN.
    /// </summary>
    public static string? PreferredTerm(ISnomedData edition, int concept, IReadOnlyList<long>? dialects)
    {
        var descriptions = edition.Descriptions(concept);
        foreach (var dialect in dialects ?? DefaultDialects)
        {
            foreach (var d in descriptions)
            {
                if (d.Active && d.Type >= 0 && edition.IdOf(d.Type) == SnomedIds.Synonym && IsPreferredIn(d, dialect))
                {
                    return d.Term;
                }
            }
        }

        string? fsn = null, anySynonym = null;
        foreach (var d in descriptions)
        {
            if (!d.Active || d.Type < 0)
            {
                continue;
            }

            var type = edition.IdOf(d.Type);
            if (type == SnomedIds.Synonym && d.Acceptability.Any(a => a.Preferred))
            {
                return d.Term;
            }

            if (type == SnomedIds.Fsn)
            {
                fsn ??= d.Term;
            }
            else if (type == SnomedIds.Synonym)
            {
                anySynonym ??= d.Term;
            }
        }

        return fsn ?? anySynonym;
    }

    private static readonly long[] DefaultDialects = [SnomedIds.UsEnglish, SnomedIds.GbEnglish];

    private static bool IsPreferredIn(SnomedDescription d, long dialect)
    {
        foreach (var a in d.Acceptability)
        {
            if (a.LanguageRefsetId == dialect && a.Preferred)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The properties SNOMED CT defines for FHIR (https://terminology.hl7.org/SNOMEDCT.html), attributes aside.</summary>
    public static readonly IReadOnlyList<PropertyDefinition> Properties =
    [
        new("inactive", "http://hl7.org/fhir/concept-properties#inactive", "Whether the concept is inactive", PropertyType.Boolean),
        new("parent", "http://hl7.org/fhir/concept-properties#parent", "A direct (inferred) parent", PropertyType.Code),
        new("child", "http://hl7.org/fhir/concept-properties#child", "A direct (inferred) child", PropertyType.Code),
        new("moduleId", "http://snomed.info/field/Concept.moduleId", "The module the concept belongs to", PropertyType.Code),
        new("effectiveTime", "http://snomed.info/field/Concept.effectiveTime", "When the concept row last changed", PropertyType.DateTime),
        new("sufficientlyDefined", "http://snomed.info/field/Concept.definitionStatusId", "True when the concept is fully defined", PropertyType.Boolean),
        new("normalForm", null, "The inferred necessary normal form expression, with terms", PropertyType.String),
        new("normalFormTerse", null, "The inferred necessary normal form expression, without terms", PropertyType.String),
    ];
}
