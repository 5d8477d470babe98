using System.Runtime.CompilerServices;
using TerminologyServer.Engine.Snomed.Ecl;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// The one place the SNOMED CT operations call the Expression Constraint Language (<see cref="EclParser"/>,
/// <see cref="EclEvaluator"/> in <c>Snomed/Ecl/</c>): the <c>constraint</c> and <c>expression</c> filters and the
/// implicit value sets <c>?fhir_vs=ecl/...</c>.
/// </summary>
public static class SnomedEcl
{
    private static readonly ConditionalWeakTable<ISnomedData, PositionCache<string>> Results = new();

    /// <summary>
    /// A compiled constraint: the sorted positions of the concepts <paramref name="ecl"/> selects in
    /// <paramref name="data"/>, and a test for post-coordinated expressions. Throws a <see cref="TerminologyException"/>:
    /// invalid (400) for a syntax error, saying where and what was expected; too-costly (422) past the evaluation bounds.
    /// </summary>
    public static (int[] Concepts, Func<SnomedExpression, bool> MatchesExpression) Compile(ISnomedData data, string ecl)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parsed = EclParser.Parse(ecl);
        // An edition does not change: the same constraint selects the same concepts in it, page after page.
        var concepts = Results.GetValue(data, _ => new PositionCache<string>()).GetOrAdd(ecl, _ => EclEvaluator.Evaluate(parsed, data).ToArray());
        bool Matches(SnomedExpression e)
        {
            var focus = e.Focus.Select(data.IndexOf).ToList();
            if (focus.Any(f => f < 0))
            {
                return false;
            }

            var refinement = new List<SnomedRelationship>();
            foreach (var (a, group) in e.Attributes)
            {
                var type = data.IndexOf(a.Name);
                var destination = a.Concept is { } v ? data.IndexOf(v) : -1;
                if (type < 0 || (a.Concept is not null && destination < 0) || a.Nested is not null)
                {
                    // A nested expression as a value is not a concept the constraint can test.
                    return false;
                }

                refinement.Add(new SnomedRelationship(-1, type, destination, a.Concrete, group));
            }

            return EclEvaluator.MatchesExpression(parsed, data, focus, refinement);
        }

        return (concepts, Matches);
    }

    /// <summary>The sorted positions of the concepts <paramref name="ecl"/> selects (see <see cref="Compile"/>); shared, not to be changed.</summary>
    public static int[] Evaluate(ISnomedData data, string ecl) => Compile(data, ecl).Concepts;
}
