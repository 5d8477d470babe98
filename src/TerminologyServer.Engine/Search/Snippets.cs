using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>The piece of text that explains a match that is not in the display: the designation, or a window of the narrative.</summary>
internal static class Snippets
{
    private const int Window = 160;

    public static string? For(CodeSystemIndex cs, IReadOnlyList<CodeSystemIndex> supplements, Concept concept, MatchKind kind, List<string> words)
    {
        if (kind is not (MatchKind.Designation or MatchKind.Narrative) || words.Count == 0)
        {
            return null;
        }

        var extra = supplements.Select(s => s.Find(concept.Code)).OfType<Concept>().ToList();
        if (kind == MatchKind.Designation)
        {
            var designations = concept.Designations.Select(d => d.Value)
                .Concat(extra.SelectMany(e => e.Designations.Select(d => d.Value).Append(e.Display ?? "")));
            return Best(designations, words);
        }

        return Best(NarrativeTexts(concept, extra), words) is { } best ? Cut(best, words) : null;
    }

    /// <summary>The texts a narrative match is found in, in order: definition and string properties of the concept, then of its supplements' concepts.</summary>
    public static List<string> NarrativeTexts(IReadOnlyList<CodeSystemIndex> supplements, Concept concept) =>
        NarrativeTexts(concept, supplements.Select(s => s.Find(concept.Code)).OfType<Concept>().ToList());

    private static List<string> NarrativeTexts(Concept concept, List<Concept> extra)
    {
        var texts = new List<string>();
        foreach (var c in extra.Prepend(concept))
        {
            if (c.Definition is { } d)
            {
                texts.Add(d);
            }

            texts.AddRange(c.Properties.Where(p => p.Type == PropertyType.String).Select(p => p.Value));
        }

        return texts;
    }

    /// <summary>The text in which the most query words start a word (first one wins a tie).</summary>
    private static string? Best(IEnumerable<string> texts, List<string> words)
    {
        string? best = null;
        var bestCount = 0;
        foreach (var t in texts)
        {
            var textWords = Words.Split(t);
            var count = words.Count(w => textWords.Any(tw => tw.StartsWith(w, StringComparison.Ordinal) || (w.Length >= SystemMatcher.MinTypoLength && Words.StartsWithinOneEdit(tw, w))));
            if (count > bestCount)
            {
                best = t;
                bestCount = count;
            }
        }

        return best;
    }

    /// <summary>About <see cref="Window"/> characters around the first query word, cut at spaces, with ellipses.</summary>
    private static string Cut(string text, List<string> words)
    {
        if (text.Length <= Window)
        {
            return text;
        }

        var at = words.Select(w => text.IndexOf(w, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, at - Window / 3);
        if (start > 0 && text.LastIndexOf(' ', start) is var space and > 0)
        {
            start = space + 1;
        }

        var end = Math.Min(text.Length, start + Window);
        if (end < text.Length && text.LastIndexOf(' ', end) is var endSpace && endSpace > start)
        {
            end = endSpace;
        }

        return (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
    }
}
