using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Loinc;

/// <summary>
/// LOINC's implicit value sets (HL7 "Using LOINC", Implicit Value Sets): <c>http://loinc.org/vs</c> is all of
/// LOINC, <c>http://loinc.org/vs/LL…</c> an answer list (its answers in sequence order), and
/// <c>http://loinc.org/vs/LP…</c> every code subsumed by a Part. Built on demand from the loaded LOINC; never stored.
/// </summary>
public static class LoincValueSets
{
    public const string Prefix = "http://loinc.org/vs";

    /// <summary>The value set for <paramref name="url"/> when it is one of LOINC's implicit ones and LOINC is loaded, else null.</summary>
    public static ValueSet? Find(string url, string? version, ICodeSystemProvider codeSystems)
    {
        if (!url.StartsWith(Prefix, StringComparison.Ordinal) || (url.Length > Prefix.Length && url[Prefix.Length] != '/'))
        {
            return null;
        }

        if (codeSystems.Find(LoincBehaviour.SystemUrl, version) is not { } cs)
        {
            return null;
        }

        var id = url.Length > Prefix.Length + 1 ? url[(Prefix.Length + 1)..] : "";
        var include = new ValueSet.ConceptSetComponent { System = LoincBehaviour.SystemUrl, Version = version };
        string title;
        if (id.Length == 0)
        {
            title = "All LOINC codes";
        }
        else if (cs.FindHeld(id) is not { } concept)
        {
            return null;
        }
        else if (id.StartsWith("LL", StringComparison.OrdinalIgnoreCase))
        {
            title = concept.Display ?? id;
            foreach (var answer in concept.PropertiesNamed("answer"))
            {
                include.Concept.Add(new ValueSet.ConceptReferenceComponent { Code = answer.Value, Display = answer.Display });
            }
        }
        else if (id.StartsWith("LP", StringComparison.OrdinalIgnoreCase))
        {
            title = $"LOINC codes subsumed by {concept.Display ?? id}";
            include.Filter.Add(new ValueSet.FilterComponent { Property = "concept", Op = FilterOperator.IsA, Value = concept.Code });
        }
        else
        {
            return null;
        }

        return new ValueSet
        {
            Url = url,
            Version = cs.Version,
            Name = id.Length == 0 ? "LOINC" : id.Replace("-", "_", StringComparison.Ordinal),
            Title = title,
            Status = PublicationStatus.Active,
            Publisher = "Regenstrief Institute, Inc.",
            Copyright = new Markdown("This material contains content from LOINC (http://loinc.org). LOINC is copyright Regenstrief Institute, Inc. and the Logical Observation Identifiers Names and Codes (LOINC) Committee and is available at no cost under the license at http://loinc.org/license."),
            Compose = new ValueSet.ComposeComponent { Include = [include] },
        };
    }
}
