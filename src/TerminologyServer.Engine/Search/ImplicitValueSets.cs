using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>
/// The implicit value set of a code system, <c>{system url}?fhir_vs</c>: all its concepts
/// (https://hl7.org/fhir/R4/valueset.html#implicit). Built on demand from the code system; never stored.
/// </summary>
public static class ImplicitValueSets
{
    public const string Suffix = "?fhir_vs";

    /// <summary>The value set for <paramref name="url"/> when it is <c>{system}?fhir_vs</c> of a known code system, else null.</summary>
    public static ValueSet? Find(string url, string? version, ICodeSystemProvider codeSystems)
    {
        if (Snomed.SnomedImplicitValueSets.Find(url, codeSystems) is { } snomed)
        {
            return snomed;
        }

        if (Loinc.LoincValueSets.Find(url, version, codeSystems) is { } loinc)
        {
            return loinc;
        }

        if (!url.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var system = url[..^Suffix.Length];
        if (codeSystems.Find(system, version) is not { } cs)
        {
            return null;
        }

        return new ValueSet
        {
            Url = url,
            Version = cs.Version,
            Name = "AllCodes",
            Title = $"All codes of {cs.Info.Title ?? cs.Info.Name ?? cs.Url}",
            Status = PublicationStatus.Active,
            Compose = new ValueSet.ComposeComponent
            {
                Include = [new ValueSet.ConceptSetComponent { System = system, Version = version }],
            },
        };
    }
}
