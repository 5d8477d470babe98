using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>How a similar code relates to the code it was found for.</summary>
public enum Similarity
{
    /// <summary>Shares a parent in the code system's hierarchy.</summary>
    Sibling,

    /// <summary>Its display shares the most distinctive words.</summary>
    Text,
}

/// <summary>A code similar to another, with a score (higher is closer; siblings are scored by their words too).</summary>
public sealed record SimilarCode(Concept Concept, Similarity Relation, double Score);

/// <summary>
/// "Similar codes" of a concept in its own code system: first its siblings in the hierarchy, then the concepts whose
/// displays share the most distinctive words (each shared display word weighs log(N / concepts having it), as in
/// IDF). Within each group: higher score first, then closer display length, then source order, so the answer is
/// deterministic. Inactive concepts are left out.
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
        var siblings = concept.Parents.SelectMany(p => cs.Concepts[p].Children).Distinct()
            .Where(i => i != concept.Index && !cs.Concepts[i].IsInactive)
            .Select(i => new SimilarCode(cs.Concepts[i], Similarity.Sibling, scores.GetValueOrDefault(i)))
            .OrderBy(s => s, Order(concept))
            .Take(Math.Max(1, max / 2));
        result.AddRange(siblings);
        var taken = result.Select(r => r.Concept.Index).Append(concept.Index).ToHashSet();
        result.AddRange(scores.Where(kv => !taken.Contains(kv.Key) && !cs.Concepts[kv.Key].IsInactive)
            .Select(kv => new SimilarCode(cs.Concepts[kv.Key], Similarity.Text, kv.Value))
            .OrderBy(s => s, Order(concept))
            .Take(max - result.Count));
        return result;
    }

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
