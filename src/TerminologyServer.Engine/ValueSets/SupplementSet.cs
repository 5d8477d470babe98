using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// The code system supplements an operation applies: those named by <c>useSupplement</c> or by the value
/// set's <c>valueset-supplement</c> extension. They add designations and properties to concepts.
/// See https://hl7.org/fhir/R4/codesystem.html#supplements.
/// </summary>
internal sealed class SupplementSet
{
    public static readonly SupplementSet Empty = new([]);

    private readonly List<CodeSystemIndex> _supplements;

    private SupplementSet(List<CodeSystemIndex> supplements) => _supplements = supplements;

    public IReadOnlyList<CodeSystemIndex> All => _supplements;

    /// <summary>Finds each named supplement among the supplements of the code systems used; an unknown one is not-found.</summary>
    public static SupplementSet Select(ICodeSystemProvider provider, IEnumerable<CodeSystemIndex> systems, IEnumerable<string> named)
    {
        var names = named.Distinct().ToList();
        if (names.Count == 0)
        {
            return Empty;
        }

        var candidates = systems.Select(s => s.Url).Distinct().SelectMany(provider.SupplementsOf).ToList();
        var result = new List<CodeSystemIndex>();
        foreach (var name in names)
        {
            var (url, version) = Canonical.Split(name);
            var match = candidates.FirstOrDefault(s => s.Url == url && (version is null || s.Version == version))
                ?? throw new TerminologyException(OperationOutcome.IssueType.NotFound, "VALUESET_SUPPLEMENT_MISSING", $"Required supplement not found: {name}")
                {
                    TxIssueType = "not-found",
                };
            if (!result.Contains(match))
            {
                result.Add(match);
            }
        }

        return new SupplementSet(result);
    }

    /// <summary>Names of the supplements of a value set (the <c>valueset-supplement</c> extension).</summary>
    public static IEnumerable<string> NamedBy(ValueSet vs) =>
        vs.GetExtensions(TerminologyExtensionUrls.ValueSetSupplement)
            .Select(e => e.Value switch
            {
                Hl7.Fhir.Model.Canonical c => c.Value,
                PrimitiveType p => p.ToString(),
                _ => null,
            })
            .OfType<string>();

    /// <summary>The concepts that supplements add to <paramref name="code"/> of <paramref name="cs"/>.</summary>
    public IEnumerable<(CodeSystemIndex Supplement, Concept Concept)> ConceptsFor(CodeSystemIndex cs, string code)
    {
        foreach (var s in _supplements)
        {
            if (s.Info.Supplements is { } target && Canonical.Split(target) is var (url, version)
                && url == cs.Url && (version is null || version == cs.Version) && s.Find(code) is { } c)
            {
                yield return (s, c);
            }
        }
    }
}
