using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>How a similar code relates to the code it was found for.</summary>
public enum Similarity
{
    /// <summary>Replaces the (deleted) code: one of its <c>replaced-by</c> codes.</summary>
    Replacement,

    /// <summary>A deleted code that this code replaces.</summary>
    Replaced,

    /// <summary>Shares a parent in the code system's hierarchy.</summary>
    Sibling,

    /// <summary>Its display shares the most distinctive words.</summary>
    Text,
}

/// <summary>A code similar to another, with a score (higher is closer; siblings are scored by their words too).</summary>
public sealed record SimilarCode(Concept Concept, Similarity Relation, double Score);

/// <summary>
/// "Similar codes" of a concept in its own code system: first the codes that replace it (a deleted code) or that it
/// replaces, then its siblings in the hierarchy, then the concepts of the same family (<see cref="CodeFamilies"/>:
/// CPT section, HCPCS letter, ICD chapter; never a modifier for a procedure) whose displays share the most
/// distinctive words (each shared display word weighs log(N / concepts having it), as in IDF). Within each group:
/// higher score first, then closer display length, then source order, so the answer is deterministic. Inactive and
/// not-selectable concepts are left out of the siblings and the text matches.
/// </summary>
public static class SimilarCodes
{
    /// <summary>Words too common to say anything (looked at only when they are rare in the code system anyway).</summary>
    private const int MaxPostings = 20_000;

    public static IReadOnlyList<SimilarCode> Find(CodeSystemIndex cs, Concept concept, int max = 10)
    {
        if (max <= 0)
        {
            return [];
        }

        var scores = TextScores(cs, concept);
        var result = new List<SimilarCode>();
        result.AddRange(CodeReplacements.ReplacedBy(cs, concept).Select(c => new SimilarCode(c, Similarity.Replacement, scores.GetValueOrDefault(c.Index))));
        result.AddRange(CodeReplacements.Replaces(cs, concept).Select(c => new SimilarCode(c, Similarity.Replaced, scores.GetValueOrDefault(c.Index))));
        if (result.Count >= max)
        {
            return result.Take(max).ToList();
        }

        var family = CodeFamilies.Of(cs, concept);
        var taken = result.Select(r => r.Concept.Index).Append(concept.Index).ToHashSet();
        bool Candidate(int i) => !taken.Contains(i) && cs.Concepts[i] is { IsInactive: false, IsAbstract: false } c && CodeFamilies.Of(cs, c) == family;
        var siblings = concept.Parents.SelectMany(p => cs.Concepts[p].Children).Distinct()
            .Where(Candidate)
            .Select(i => new SimilarCode(cs.Concepts[i], Similarity.Sibling, scores.GetValueOrDefault(i)))
            .OrderBy(s => s, Order(concept))
            .Take(Math.Max(1, (max - result.Count) / 2))
            .ToList();
        result.AddRange(siblings);
        taken.UnionWith(siblings.Select(s => s.Concept.Index));
        result.AddRange(scores.Where(kv => Candidate(kv.Key))
            .Select(kv => new SimilarCode(cs.Concepts[kv.Key], Similarity.Text, kv.Value))
            .OrderBy(s => s, Order(concept))
            .Take(max - result.Count));
        return result;
    }

    /// <summary>The wire name of a relation (<c>replacement</c>, <c>replaced</c>, <c>sibling</c>, <c>text</c>).</summary>
    public static string Name(Similarity relation) => relation.ToString().ToLowerInvariant();

    private static Dictionary<int, double> TextScores(CodeSystemIndex cs, Concept concept)
    {
        var text = cs.Text;
        var scores = new Dictionary<int, double>();
        var n = Math.Max(1, cs.Concepts.Length);
        foreach (var word in Words.Split(concept.Display).Where(w => w.Length >= 3).Distinct())
        {
            var postings = text.ConceptsWithWord(word, TextField.Display);
            if (postings.Length <= 1 || postings.Length > MaxPostings)
            {
                continue;
            }

            var weight = Math.Log((double)n / postings.Length) + 0.1;
            foreach (var i in postings)
            {
                if (i != concept.Index)
                {
                    scores[i] = scores.GetValueOrDefault(i) + weight;
                }
            }
        }

        return scores;
    }

    private static Comparer<SimilarCode> Order(Concept to) => Comparer<SimilarCode>.Create((a, b) =>
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var length = to.Display?.Length ?? 0;
        var byLength = Math.Abs((a.Concept.Display?.Length ?? 0) - length).CompareTo(Math.Abs((b.Concept.Display?.Length ?? 0) - length));
        return byLength != 0 ? byLength : a.Concept.Index.CompareTo(b.Concept.Index);
    });
}
