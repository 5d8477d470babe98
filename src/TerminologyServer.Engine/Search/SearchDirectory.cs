using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>
/// Which of the searched code systems can match a query at all: every word and every normalized code of every
/// code system (a supplement's words counted for the system it supplements), sorted once, each with the position
/// of its code system in the search's list. A query then visits only the systems that hold a word starting with
/// each of its words (or a code starting with its code) instead of every loaded system: with the FHIR core loaded
/// that is a few systems out of a thousand. Built with the search's list of systems and immutable.
/// </summary>
internal sealed class SearchDirectory
{
    // The distinct words, sorted; the systems of word t are _termSystems[_termStart[t].._termStart[t + 1]].
    private readonly string[] _terms;
    private readonly int[] _termStart;
    private readonly int[] _termSystems;

    // The words ordered by their text from the second letter on, and from the third letter on: a typo in the first
    // or second letter keeps the rest of the word in place, so its candidates are a range of one of these orders.
    private readonly int[][] _fromLetter;
    private readonly string[] _codes;
    private readonly int[] _codeSystems;

    private SearchDirectory(int systemCount, string[] terms, int[] termStart, int[] termSystems, string[] codes, int[] codeSystems)
    {
        SystemCount = systemCount;
        _terms = terms;
        _termStart = termStart;
        _termSystems = termSystems;
        _codes = codes;
        _codeSystems = codeSystems;
        _fromLetter = [.. new[] { 0, 1, 2 }.Select(skip =>
        {
            var order = Enumerable.Range(0, terms.Length).Where(t => terms[t].Length > skip).ToArray();
            if (skip > 0)
            {
                Array.Sort(order, (a, b) => terms[a].AsSpan(skip).SequenceCompareTo(terms[b].AsSpan(skip)));
            }

            return order;
        })];
    }

    public int SystemCount { get; }

    public static SearchDirectory Build(IReadOnlyList<(CodeSystemIndex System, IReadOnlyList<CodeSystemIndex> Supplements)> systems)
    {
        var pairs = new List<string>();
        var pairSystems = new List<int>();
        var codes = new List<string>();
        var codeSystems = new List<int>();
        for (var s = 0; s < systems.Count; s++)
        {
            var (cs, supplements) = systems[s];
            foreach (var index in supplements.Select(x => x.Text).Prepend(cs.Text))
            {
                pairs.AddRange(index.Terms);
                pairSystems.AddRange(Enumerable.Repeat(s, index.Terms.Count));
            }

            codes.AddRange(cs.Text.NormalizedCodes);
            codeSystems.AddRange(Enumerable.Repeat(s, cs.Text.NormalizedCodes.Count));
        }

        var pairArray = pairs.ToArray();
        var pairSystemArray = pairSystems.ToArray();
        Array.Sort(pairArray, pairSystemArray, StringComparer.Ordinal);
        var terms = new List<string>();
        var termStart = new List<int>();
        var termSystems = new List<int>();
        for (var i = 0; i < pairArray.Length; i++)
        {
            if (terms.Count == 0 || terms[^1] != pairArray[i])
            {
                terms.Add(pairArray[i]);
                termStart.Add(termSystems.Count);
            }

            if (!termSystems.Skip(termStart[^1]).Contains(pairSystemArray[i]))
            {
                termSystems.Add(pairSystemArray[i]);
            }
        }

        termStart.Add(termSystems.Count);
        var codeArray = codes.ToArray();
        var codeSystemArray = codeSystems.ToArray();
        Array.Sort(codeArray, codeSystemArray, StringComparer.Ordinal);
        return new SearchDirectory(systems.Count, [.. terms], [.. termStart], [.. termSystems], codeArray, codeSystemArray);
    }

    /// <summary>The systems with a word (in any field, supplements included) starting with <paramref name="prefix"/> (lower-case).</summary>
    public Bits SystemsWithWord(string prefix)
    {
        var systems = new Bits(SystemCount);
        for (var t = Sorted.LowerBound(_terms, prefix, StringComparer.Ordinal); t < _terms.Length && _terms[t].StartsWith(prefix, StringComparison.Ordinal); t++)
        {
            AddSystems(t, systems);
        }

        return systems;
    }

    /// <summary>The systems with a normalized code (<see cref="Words.NormalizeCode"/>) starting with <paramref name="normalizedPrefix"/>.</summary>
    public Bits SystemsWithCode(string normalizedPrefix)
    {
        var systems = new Bits(SystemCount);
        for (var i = Sorted.LowerBound(_codes, normalizedPrefix, StringComparer.Ordinal); i < _codes.Length && _codes[i].StartsWith(normalizedPrefix, StringComparison.Ordinal); i++)
        {
            systems.Set(_codeSystems[i]);
        }

        return systems;
    }

    /// <summary>
    /// The distinct words that start with <paramref name="word"/> (3+ letters) give or take one edit
    /// (<see cref="Words.StartsWithinOneEdit"/>), and the systems that hold them. Rather than testing every word,
    /// the candidates are the ranges where such a word must be, by the position of the edit: past the second
    /// letter the word starts with the first two; at the second or the first letter the rest of the word stands
    /// from the second or third letter on (<see cref="_fromLetter"/>); a swap or an extra first letter is a plain prefix.
    /// </summary>
    public (List<string> Terms, Bits Systems) NearTerms(string word)
    {
        var near = new List<string>();
        var systems = new Bits(SystemCount);
        var found = new HashSet<int>();
        var (w0, w1) = (word[0], word[1]);
        var rest = word.Length > 2 ? word[2..] : "";
        var swapAfter = word.Length > 2 ? $"{w0}{word[2]}{w1}{word[3..]}" : "";
        foreach (var (skip, prefix, first) in new (int, string, char?)[]
        {
            (0, word[..2], null),                     // an edit after the second letter
            (0, word[1..], null),                     // an extra first letter
            (0, $"{w1}{w0}{rest}", null),             // the first two letters swapped
            (0, swapAfter, null),                     // the second and third letters swapped
            (1, word[1..], null),                     // the first letter replaced
            (1, word, null),                          // the first letter missing
            (1, rest, w0),                            // an extra second letter
            (2, rest, w0),                            // the second letter replaced
            (2, word[1..], w0),                       // the second letter missing
        })
        {
            if (prefix.Length == 0)
            {
                continue;
            }

            var order = _fromLetter[skip];
            for (var i = LowerBound(order, skip, prefix); i < order.Length && _terms[order[i]].AsSpan(skip).StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                var t = order[i];
                var term = _terms[t];
                if ((first is null || term[0] == first) && !found.Contains(t) && Words.StartsWithinOneEdit(term, word))
                {
                    found.Add(t);
                    near.Add(term);
                    AddSystems(t, systems);
                }
            }
        }

        return (near, systems);
    }

    private int LowerBound(int[] order, int skip, string value)
    {
        int lo = 0, hi = order.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_terms[order[mid]].AsSpan(skip).SequenceCompareTo(value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void AddSystems(int term, Bits into)
    {
        for (var i = _termStart[term]; i < _termStart[term + 1]; i++)
        {
            into.Set(_termSystems[i]);
        }
    }
}
