using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Search;

namespace TerminologyServer.Engine.Expand;

/// <summary>
/// The type-ahead fast path of <c>$expand</c>: a text filter over a whole code system (one include, no concept
/// list, no filters, no excludes, no supplements) is answered from the code system's word index
/// (<see cref="TerminologyServer.Engine.CodeSystems.CodeSystemIndex.Text"/>) instead of ranking every concept.
/// The ranking is exactly <see cref="TextFilter"/>'s (<see cref="TextRank"/>), then source order. Only the concepts the index names are looked at, and only the requested page
/// becomes expansion items.
/// </summary>
internal static class IndexedTextFilter
{
    private const int PositionBits = 20;

    /// <summary>The page and the total, or null when the value set or request is not one the index can answer.</summary>
    public static (List<ExpansionItem> Page, int Total)? TryPage(
        CompiledValueSet compiled, ExpansionRequest request, TextFilter? text, Func<ExpansionItem, bool> keep, SupplementSet supplements, int offset)
    {
        if (text is null || supplements.All.Count > 0 || !compiled.IsWholeSystem || compiled.Includes[0].System is not { } cs
            || cs.Concepts.Length >= 1 << PositionBits)
        {
            return null;
        }

        var index = cs.Text;
        var query = text.Query;
        var words = text.QueryWords;
        var keys = new List<long>();
        var seen = new Bits(cs.Concepts.Length);

        var administrative = TextRank.IsAdministrative(cs.Url);
        void Add(int concept, MatchLevel level)
        {
            var c = cs.Concepts[concept];
            if (!keep(new ExpansionItem(cs, c.Code, c, null)))
            {
                return;
            }

            keys.Add((text.Key(level, administrative, c.Code, c.Display, c.IsInactive) << PositionBits) | (long)concept);
        }

        foreach (var i in index.CodesStartingWith(query))
        {
            seen.Set(i);
            Add(i, cs.Concepts[i].Code.Equals(query, StringComparison.OrdinalIgnoreCase) ? MatchLevel.Code : MatchLevel.CodePrefix);
        }

        if (words.Count > 0)
        {
            var display = AllWords(index, words, TextField.Display);
            foreach (var i in display)
            {
                if (!seen.Get(i))
                {
                    seen.Set(i);
                    Add(i, MatchLevel.Display);
                }
            }

            // Per concept the index only knows that each word is in some designation; rank 3 needs them all in one.
            foreach (var i in AllWords(index, words, TextField.Designation))
            {
                if (!seen.Get(i) && cs.Concepts[i].Designations.Any(d => text.Matches(d.Value)))
                {
                    Add(i, MatchLevel.Designation);
                }
            }
        }

        keys.Sort();
        var take = request.Count ?? int.MaxValue;
        var page = new List<ExpansionItem>();
        for (var k = offset; k < keys.Count && page.Count < take; k++)
        {
            var c = cs.Concepts[(int)(keys[k] & ((1L << PositionBits) - 1))];
            page.Add(new ExpansionItem(cs, c.Code, c, null));
        }

        return (page, keys.Count);
    }

    private static Bits AllWords(ConceptTextIndex index, IReadOnlyList<string> words, TextField field)
    {
        Bits? all = null;
        foreach (var w in words)
        {
            var bits = new Bits(index.ConceptCount);
            index.AddPrefix(w, field, bits);
            if (all is null)
            {
                all = bits;
            }
            else
            {
                all.And(bits);
            }
        }

        return all!;
    }
}
