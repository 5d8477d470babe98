using System.Runtime.CompilerServices;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>
/// Which codes replace a deleted code and which deleted codes a code replaces, from the <c>replaced-by</c> property
/// (the CPT and FHIR concept-property name; <c>http://hl7.org/fhir/concept-properties#replacedBy</c>'s code). The
/// reverse direction is built once per code-system index, on first use, in one pass over its concepts.
/// </summary>
public static class CodeReplacements
{
    /// <summary>Property codes that name a successor.</summary>
    private static readonly string[] ReplacedByCodes = ["replaced-by", "replacedBy"];

    private static readonly ConditionalWeakTable<CodeSystemIndex, Dictionary<string, int[]>> Reverse = new();

    /// <summary>The codes that replace <paramref name="concept"/>, in the order the code system lists them (unknown codes left out).</summary>
    public static IReadOnlyList<Concept> ReplacedBy(CodeSystemIndex cs, Concept concept)
    {
        var result = new List<Concept>();
        foreach (var p in concept.Properties)
        {
            if (IsReplacedBy(p.Code) && cs.FindHeld(p.Value) is { } successor && successor.Index != concept.Index && !result.Contains(successor))
            {
                result.Add(successor);
            }
        }

        return result;
    }

    /// <summary>The codes that <paramref name="concept"/> replaces (those naming it in <c>replaced-by</c>), in code-system order.</summary>
    public static IReadOnlyList<Concept> Replaces(CodeSystemIndex cs, Concept concept) =>
        Reverse.GetValue(cs, Build).TryGetValue(concept.Code, out var predecessors) ? predecessors.Select(i => cs.Concepts[i]).ToList() : [];

    private static bool IsReplacedBy(string code) => Array.IndexOf(ReplacedByCodes, code) >= 0;

    private static Dictionary<string, int[]> Build(CodeSystemIndex cs)
    {
        var reverse = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var c in cs.Concepts)
        {
            foreach (var p in c.Properties)
            {
                if (IsReplacedBy(p.Code))
                {
                    if (!reverse.TryGetValue(p.Value, out var list))
                    {
                        reverse[p.Value] = list = [];
                    }

                    if (!list.Contains(c.Index))
                    {
                        list.Add(c.Index);
                    }
                }
            }
        }

        return reverse.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
