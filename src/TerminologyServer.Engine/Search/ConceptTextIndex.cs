using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>
/// A word index over the concepts of one code system version: the sorted array of distinct words of displays,
/// designations and narrative text (definition, string properties), each with the ascending list of concepts
/// that contain it per field, and the codes in sorted order. A word prefix is a contiguous range of the sorted
/// words, so "every query word starts a word of the display" becomes a few binary searches and bit-set
/// intersections instead of a scan of every concept. Built once per <see cref="CodeSystemIndex"/> (lazily, see
/// <see cref="CodeSystemIndex.Text"/>) and immutable.
/// </summary>
public sealed class ConceptTextIndex
{
    private const int FieldCount = 3;
    private readonly string[] _terms;
    private readonly int[][] _postings;
    private readonly string[] _codes;
    private readonly int[] _codeConcepts;
    private readonly string[] _normalizedCodes;
    private readonly int[] _normalizedConcepts;

    private ConceptTextIndex(int conceptCount, string[] terms, int[][] postings, string[] codes, int[] codeConcepts, string[] normalizedCodes, int[] normalizedConcepts)
    {
        ConceptCount = conceptCount;
        _terms = terms;
        _postings = postings;
        _codes = codes;
        _codeConcepts = codeConcepts;
        _normalizedCodes = normalizedCodes;
        _normalizedConcepts = normalizedConcepts;
    }

    public int ConceptCount { get; }

    public int TermCount => _terms.Length;

    /// <summary>The distinct words, sorted (ordinal).</summary>
    internal IReadOnlyList<string> Terms => _terms;

    /// <summary>The normalized codes (<see cref="Words.NormalizeCode"/>), sorted (ordinal).</summary>
    internal IReadOnlyList<string> NormalizedCodes => _normalizedCodes;

    public static ConceptTextIndex Build(CodeSystemIndex cs)
    {
        var concepts = cs.Concepts;
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var lists = new List<List<int>?[]>();

        void Add(string text, int concept, TextField field)
        {
            foreach (var word in Words.Split(text))
            {
                if (!termIds.TryGetValue(word, out var id))
                {
                    id = termIds.Count;
                    termIds.Add(word, id);
                    lists.Add(new List<int>?[FieldCount]);
                }

                var list = lists[id][(int)field] ??= [];
                if (list.Count == 0 || list[^1] != concept)
                {
                    list.Add(concept);
                }
            }
        }

        foreach (var c in concepts)
        {
            if (c.Display is { } display)
            {
                Add(display, c.Index, TextField.Display);
            }

            foreach (var d in c.Designations)
            {
                Add(d.Value, c.Index, TextField.Designation);
            }

            if (c.Definition is { } definition)
            {
                Add(definition, c.Index, TextField.Narrative);
            }

            foreach (var p in c.Properties)
            {
                if (p.Type == PropertyType.String)
                {
                    Add(p.Value, c.Index, TextField.Narrative);
                }
            }
        }

        var terms = termIds.Keys.ToArray();
        var ids = terms.Select(t => termIds[t]).ToArray();
        Array.Sort(terms, ids, StringComparer.Ordinal);
        var postings = new int[terms.Length * FieldCount][];
        for (var t = 0; t < terms.Length; t++)
        {
            var fields = lists[ids[t]];
            for (var f = 0; f < FieldCount; f++)
            {
                postings[t * FieldCount + f] = fields[f]?.ToArray() ?? [];
            }
        }

        var codes = concepts.Select(c => c.Code).ToArray();
        var codeConcepts = concepts.Select(c => c.Index).ToArray();
        Array.Sort(codes, codeConcepts, StringComparer.OrdinalIgnoreCase);
        var normalized = concepts.Select(c => Words.NormalizeCode(c.Code)).ToArray();
        var normalizedConcepts = concepts.Select(c => c.Index).ToArray();
        Array.Sort(normalized, normalizedConcepts, StringComparer.Ordinal);
        return new ConceptTextIndex(concepts.Length, terms, postings, codes, codeConcepts, normalized, normalizedConcepts);
    }

    /// <summary>Adds to <paramref name="into"/> every concept with a word in <paramref name="field"/> that starts with <paramref name="prefix"/> (lower-case).</summary>
    internal void AddPrefix(string prefix, TextField field, Bits into)
    {
        for (var t = Sorted.LowerBound(_terms, prefix, StringComparer.Ordinal); t < _terms.Length && _terms[t].StartsWith(prefix, StringComparison.Ordinal); t++)
        {
            into.SetAll(_postings[t * FieldCount + (int)field]);
        }
    }

    /// <summary>Adds every concept with a word in <paramref name="field"/> equal to <paramref name="word"/>.</summary>
    internal void AddWord(string word, TextField field, Bits into)
    {
        var t = Sorted.LowerBound(_terms, word, StringComparer.Ordinal);
        if (t < _terms.Length && _terms[t] == word)
        {
            into.SetAll(_postings[t * FieldCount + (int)field]);
        }
    }

    /// <summary>The positions of those of <paramref name="words"/> that are words of this index.</summary>
    internal List<int> TermIds(IReadOnlyList<string> words)
    {
        var ids = new List<int>();
        foreach (var word in words)
        {
            var t = Sorted.LowerBound(_terms, word, StringComparer.Ordinal);
            if (t < _terms.Length && _terms[t] == word)
            {
                ids.Add(t);
            }
        }

        return ids;
    }

    /// <summary>Adds every concept with one of <paramref name="terms"/> (from <see cref="TermIds"/>) in <paramref name="field"/>.</summary>
    internal void AddTerms(List<int> terms, TextField field, Bits into)
    {
        foreach (var t in terms)
        {
            into.SetAll(_postings[t * FieldCount + (int)field]);
        }
    }

    /// <summary>The concepts whose <paramref name="field"/> has the word <paramref name="word"/> (lower-case), ascending.</summary>
    public int[] ConceptsWithWord(string word, TextField field)
    {
        var t = Sorted.LowerBound(_terms, word, StringComparer.Ordinal);
        return t < _terms.Length && _terms[t] == word ? _postings[t * FieldCount + (int)field] : [];
    }

    /// <summary>True when some word of the index starts with <paramref name="prefix"/> (in any field).</summary>
    public bool HasPrefix(string prefix)
    {
        var t = Sorted.LowerBound(_terms, prefix, StringComparer.Ordinal);
        return t < _terms.Length && _terms[t].StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>Concepts whose code starts with <paramref name="prefix"/> (ignoring case), in code order.</summary>
    public IEnumerable<int> CodesStartingWith(string prefix)
    {
        for (var i = Sorted.LowerBound(_codes, prefix, StringComparer.OrdinalIgnoreCase); i < _codes.Length && _codes[i].StartsWith(prefix, StringComparison.OrdinalIgnoreCase); i++)
        {
            yield return _codeConcepts[i];
        }
    }

    /// <summary>Concepts whose normalized code (<see cref="Words.NormalizeCode"/>) starts with <paramref name="normalizedPrefix"/>.</summary>
    public IEnumerable<int> NormalizedCodesStartingWith(string normalizedPrefix)
    {
        for (var i = Sorted.LowerBound(_normalizedCodes, normalizedPrefix, StringComparer.Ordinal); i < _normalizedCodes.Length && _normalizedCodes[i].StartsWith(normalizedPrefix, StringComparison.Ordinal); i++)
        {
            yield return _normalizedConcepts[i];
        }
    }
}
