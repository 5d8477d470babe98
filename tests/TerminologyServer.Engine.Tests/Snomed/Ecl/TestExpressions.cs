using System.Globalization;
using System.Text.RegularExpressions;
using TerminologyServer.Engine.Snomed;
using TerminologyServer.Engine.Snomed.Ecl;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

/// <summary>
/// A test-only reader of the simple post-coordinated expressions of the conformance cases
/// (<c>64572001 |Disease| : { 363698007 = 10200004 }</c>, focus concepts joined by <c>+</c>, attributes with concept
/// values, groups in braces). The product's compositional grammar parser lives with the SNOMED behaviour.
/// </summary>
internal static partial class TestExpressions
{
    public static bool IsExpression(string code) => code.Contains(':', StringComparison.Ordinal) || code.Contains('+', StringComparison.Ordinal);

    public static bool Matches(EclExpression ecl, ISnomedData data, string code)
    {
        var text = Terms().Replace(code, "");
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var focus = (colon < 0 ? text : text[..colon]).Split('+').Select(f => data.IndexOf(long.Parse(f.Trim(), CultureInfo.InvariantCulture))).ToList();
        var refinement = new List<SnomedRelationship>();
        if (colon >= 0)
        {
            var group = 0;
            var next = 1;
            foreach (Match m in Parts().Matches(text[(colon + 1)..]))
            {
                if (m.Value == "{")
                {
                    group = next++;
                }
                else if (m.Value == "}")
                {
                    group = 0;
                }
                else
                {
                    refinement.Add(new SnomedRelationship(-1, data.IndexOf(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)),
                        data.IndexOf(long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)), null, group));
                }
            }
        }

        return EclEvaluator.MatchesExpression(ecl, data, focus, refinement);
    }

    [GeneratedRegex(@"\|[^|]*\|")]
    private static partial Regex Terms();

    [GeneratedRegex(@"\{|\}|(\d+)\s*=\s*(\d+)")]
    private static partial Regex Parts();
}
