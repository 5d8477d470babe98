using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Compose;

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
            var match = candidates.FirstOrDefault(s => s.Url == url && (version is null || s.Version == version)) ?? throw Missing(name);
            if (!result.Contains(match))
            {
                result.Add(match);
            }
        }

        return new SupplementSet(result);
    }

    /// <summary>
    /// The error for a supplement that is required (named by the request or the value set) but not available for
    /// the code system in use: one not-found issue, whatever the operation.
    /// </summary>
    public static TerminologyException Missing(string name) =>
        new(OperationOutcome.IssueType.NotFound, "VALUESET_SUPPLEMENT_MISSING", $"Required supplement not found: {name}")
        {
            TxIssueType = "not-found",
        };

    /// <summary>True when <paramref name="supplement"/> supplements <paramref name="cs"/> (its url, and its version when it names one).</summary>
    public static bool Supplements(CodeSystemIndex supplement, CodeSystemIndex cs) =>
        supplement.Info.Supplements is { } target && Canonical.Split(target) is var (url, version)
        && url == cs.Url && (version is null || version == cs.Version);

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
            if (Supplements(s, cs) && s.Find(code) is { } c)
            {
                yield return (s, c);
            }
        }
    }
}
