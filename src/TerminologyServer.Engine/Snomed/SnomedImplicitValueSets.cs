using System.Globalization;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// SNOMED CT's implicit value sets (https://terminology.hl7.org/SNOMEDCT.html#implicit-value-sets), on the system url or
/// an edition/version URI: <c>?fhir_vs</c> (all concepts), <c>?fhir_vs=isa/{id}</c> (the concept and its descendants),
/// <c>?fhir_vs=refset/{id}</c> (the active members of a refset), <c>?fhir_vs=refset</c> (the refsets themselves) and
/// <c>?fhir_vs=ecl/{ecl}</c> (URL-encoded ECL). A concept or refset the edition lacks makes the value set unknown.
/// </summary>
public static class SnomedImplicitValueSets
{
    private const string Marker = "?fhir_vs";

    /// <summary>The value set for <paramref name="url"/>, or null when it is not a SNOMED CT implicit value set the server can define.</summary>
    public static ValueSet? Find(string url, ICodeSystemProvider codeSystems)
    {
        var at = url.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || !url.StartsWith("http://snomed.info/", StringComparison.Ordinal))
        {
            return null;
        }

        var prefix = url[..at];
        string? version = null;
        if (prefix != SnomedVersion.SystemUrl)
        {
            if (!SnomedVersion.TryParse(prefix, out _, out _))
            {
                return null;
            }

            version = prefix;
        }

        var query = url[(at + Marker.Length)..];
        if (codeSystems.Find(SnomedVersion.SystemUrl, version) is not { Model: SnomedEdition edition } cs)
        {
            return null;
        }

        var include = new ValueSet.ConceptSetComponent { System = SnomedVersion.SystemUrl, Version = version };
        string name, title;
        if (query.Length == 0)
        {
            (name, title) = ("ALLSNOMEDCT", "SNOMED CT Reference Set (All of SNOMED CT)");
        }
        else if (query.StartsWith("=isa/", StringComparison.Ordinal) && Concept(edition, query[5..]) is { } root)
        {
            include.Filter.Add(new ValueSet.FilterComponent { Property = "concept", Op = FilterOperator.IsA, Value = root.ToString(CultureInfo.InvariantCulture) });
            (name, title) = ($"SNOMEDCTIsA{root}", $"SNOMED CT Concept {root} and descendants");
        }
        else if (query.StartsWith("=refset/", StringComparison.Ordinal) && Concept(edition, query[8..]) is { } refset && edition.Members(edition.IndexOf(refset)).Length > 0)
        {
            include.Filter.Add(new ValueSet.FilterComponent { Property = "concept", Op = FilterOperator.In, Value = refset.ToString(CultureInfo.InvariantCulture) });
            (name, title) = ($"SNOMEDCTRefset{refset}", $"SNOMED CT Reference Set {refset}");
        }
        else if (query == "=refset")
        {
            foreach (var r in edition.Refsets)
            {
                include.Concept.Add(new ValueSet.ConceptReferenceComponent { Code = cs.Concepts[r].Code });
            }

            (name, title) = ("SNOMEDCTRefsets", "SNOMED CT Reference Sets");
        }
        else if (query.StartsWith("=ecl/", StringComparison.Ordinal) && query.Length > 5)
        {
            include.Filter.Add(new ValueSet.FilterComponent { Property = "constraint", Op = FilterOperator.Equal, Value = Uri.UnescapeDataString(query[5..]) });
            (name, title) = ("SNOMEDCTECL", "SNOMED CT Concepts matching an ECL expression");
        }
        else
        {
            return null;
        }

        return new ValueSet
        {
            Url = url,
            Name = name,
            Title = title,
            Status = PublicationStatus.Active,
            Compose = new ValueSet.ComposeComponent { Include = [include] },
        };
    }

    private static long? Concept(SnomedEdition edition, string text) =>
        Sctid.IsValid(text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && edition.IndexOf(id) >= 0 ? id : null;
}
