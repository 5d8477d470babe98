using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// The implicit "all codes" value set of a code system, <c>{code system url}?fhir_vs</c>
/// (https://hl7.org/fhir/R4/valueset.html#implicit), e.g. <c>http://www.ama-assn.org/go/cpt?fhir_vs</c>. Built on
/// demand, never stored; whether the code system is held is decided when the value set is used.
/// </summary>
internal static class ImplicitValueSets
{
    private const string Suffix = "?fhir_vs";

    /// <summary>The value set for <paramref name="url"/> when it is an implicit all-codes url, else null.</summary>
    public static ValueSet? Find(string url)
    {
        if (!url.EndsWith(Suffix, StringComparison.Ordinal) || url.Length == Suffix.Length)
        {
            return null;
        }

        var system = url[..^Suffix.Length];
        return new ValueSet
        {
            Url = url,
            Name = "AllCodes",
            Title = $"All codes of {system}",
            Status = PublicationStatus.Active,
            Compose = new ValueSet.ComposeComponent { Include = [new ValueSet.ConceptSetComponent { System = system }] },
        };
    }
}
