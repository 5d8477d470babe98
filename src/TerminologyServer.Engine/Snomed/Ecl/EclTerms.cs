namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>The term matching of ECL's term filters: <c>match:</c> (word prefixes) and <c>wild:</c> (whole-term wildcard).</summary>
internal static class EclTerms
{
    /// <summary>Whether <paramref name="term"/> matches the search term, case-insensitively.</summary>
    public static bool Matches(EclSearchTerm search, string term) =>
        search.Match == EclTermMatch.Wild ? Wild(search.Text, term) : WordPrefixes(search.Text, term);

    // Every word of the search term begins some word of the term, in any order ("heart att" matches
    // "Attack, heart"). Words are runs of letters and digits.
    private static bool WordPrefixes(string search, string term)
    {
        var termWords = Words(term);
        foreach (var word in Words(search))
        {
            var found = false;
            foreach (var t in termWords)
            {
                if (t.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }

    // The whole term matches the pattern, '*' being any run of characters and "\*" a literal star. Greedy with
    // one backtrack point, so it runs in O(pattern x term) at worst and never explodes.
    private static bool Wild(string pattern, string term)
    {
        var p = new List<(char C, bool Star)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                p.Add(('*', false));
                i++;
            }
            else
            {
                p.Add((pattern[i], pattern[i] == '*'));
            }
        }

        int pi = 0, ti = 0, starP = -1, starT = 0;
        while (ti < term.Length)
        {
            if (pi < p.Count && !p[pi].Star && char.ToUpperInvariant(p[pi].C) == char.ToUpperInvariant(term[ti]))
            {
                pi++;
                ti++;
            }
            else if (pi < p.Count && p[pi].Star)
            {
                starP = pi++;
                starT = ti;
            }
            else if (starP >= 0)
            {
                pi = starP + 1;
                ti = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Count && p[pi].Star)
        {
            pi++;
        }

        return pi == p.Count;
    }
}
