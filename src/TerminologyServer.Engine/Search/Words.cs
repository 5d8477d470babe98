namespace TerminologyServer.Engine.Search;

/// <summary>
/// How text is cut into words for searching: runs of letters and digits, lower-cased (invariant culture);
/// punctuation and spaces separate words. The same rule as the <c>$expand</c> text filter.
/// </summary>
public static class Words
{
    /// <summary>The words of <paramref name="text"/>, lower-cased, in order (duplicates kept).</summary>
    public static List<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }

    /// <summary>A code reduced to its letters and digits, upper-cased: <c>E11.9</c> and <c>e119</c> are both <c>E119</c>.</summary>
    public static string NormalizeCode(string code)
    {
        Span<char> buffer = code.Length <= 256 ? stackalloc char[code.Length] : new char[code.Length];
        var n = 0;
        foreach (var ch in code)
        {
            if (char.IsLetterOrDigit(ch))
            {
                buffer[n++] = char.ToUpperInvariant(ch);
            }
        }

        return new string(buffer[..n]);
    }

    /// <summary>
    /// True when some prefix of <paramref name="term"/> is at most one edit (substitution, insertion, deletion or
    /// swap of two neighbours) away from <paramref name="word"/>: the typo-tolerant form of "starts with".
    /// </summary>
    public static bool StartsWithinOneEdit(string term, string word)
    {
        var n = word.Length;
        var i = 0;
        while (i < n && i < term.Length && term[i] == word[i])
        {
            i++;
        }

        if (i == n)
        {
            return true;
        }

        return (term.Length >= n && Same(term, i + 1, word, i + 1, n - i - 1))          // one letter replaced
            || (term.Length >= n - 1 && Same(term, i, word, i + 1, n - i - 1))          // one letter too many
            || (term.Length >= n + 1 && Same(term, i + 1, word, i, n - i))              // one letter missing
            || (i + 1 < n && term.Length >= n && term[i] == word[i + 1] && term[i + 1] == word[i]
                && Same(term, i + 2, word, i + 2, n - i - 2));                            // two letters swapped
    }

    private static bool Same(string a, int aStart, string b, int bStart, int length) =>
        length <= 0 || (aStart + length <= a.Length && bStart + length <= b.Length
            && a.AsSpan(aStart, length).SequenceEqual(b.AsSpan(bStart, length)));
}
