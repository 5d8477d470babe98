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

    // Per second letter, the words that have it (ascending): the candidates of a typo in the first letter.
    private readonly Dictionary<char, int[]> _bySecondLetter;
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
        _bySecondLetter = Enumerable.Range(0, terms.Length).Where(t => terms[t].Length > 1)
            .GroupBy(t => terms[t][1]).ToDictionary(g => g.Key, g => g.ToArray());
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

            // Pairs of one word come in system order (a stable sort is not needed: a repeat is only ever the last one added).
            if (termSystems.Count == termStart[^1] || !termSystems[termStart[^1]..].Contains(pairSystemArray[i]))
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
    /// The distinct words that start with <paramref name="word"/> (2+ letters) give or take one edit
    /// (<see cref="Words.StartsWithinOneEdit"/>), and the systems that hold them. Such a word starts with the
    /// first or the second letter of <paramref name="word"/>, or has one of them second (an edit at the first
    /// letter), so only those words are tested, not every word.
    /// </summary>
    public (List<string> Terms, Bits Systems) NearTerms(string word)
    {
        var near = new List<string>();
        var systems = new Bits(SystemCount);
        var tested = new HashSet<int>();
        foreach (var first in new[] { word[0], word[1] })
        {
            var prefix = first.ToString();
            for (var t = Sorted.LowerBound(_terms, prefix, StringComparer.Ordinal); t < _terms.Length && _terms[t][0] == first; t++)
            {
                Test(t);
            }

            foreach (var t in _bySecondLetter.GetValueOrDefault(first, []))
            {
                Test(t);
            }
        }

        return (near, systems);

        void Test(int t)
        {
            var term = _terms[t];
            if (term.Length >= word.Length - 1 && tested.Add(t) && Words.StartsWithinOneEdit(term, word))
            {
                near.Add(term);
                AddSystems(t, systems);
            }
        }
    }

    private void AddSystems(int term, Bits into)
    {
        for (var i = _termStart[term]; i < _termStart[term + 1]; i++)
        {
            into.Set(_termSystems[i]);
        }
    }
}
