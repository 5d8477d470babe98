namespace TerminologyServer.Engine.Expand;

/// <summary>
/// The <c>filter</c> parameter of <c>$expand</c> (type-ahead search): every word of the query must be the
/// start of a word of the display or of one designation, or the query must start the code. Matches rank
/// best first: the exact code, then codes starting with the query, then display matches, then designation
/// matches; shorter displays first within a rank (a closer match), then the original order.
/// </summary>
public sealed class TextFilter
{
    /// <summary>Rank of a concept that does not match.</summary>
    public const int NoMatch = int.MaxValue;

    private readonly string _query;
    private readonly string[] _words;

    private TextFilter(string query, string[] words)
    {
        _query = query;
        _words = words;
    }

    /// <summary>A filter for <paramref name="query"/>, or null when the query has no words (no filtering).</summary>
    public static TextFilter? Create(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var trimmed = query.Trim();
        // A repeated word adds nothing but work: each one is another scan of every candidate text.
        var words = Search.Words.Split(trimmed).Distinct().ToArray();
        return new TextFilter(trimmed, words);
    }

    /// <summary>0 (best) to 3 when the concept matches, <see cref="NoMatch"/> otherwise.</summary>
    public int Rank(string code, string? display, IEnumerable<string> designations) => Rank(code, display, () => designations);

    /// <summary>As <see cref="Rank(string, string?, IEnumerable{string})"/>; designations are only gathered when code and display do not match.</summary>
    public int Rank(string code, string? display, Func<IEnumerable<string>> designations)
    {
        if (code.Equals(_query, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (code.StartsWith(_query, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        if (_words.Length == 0)
        {
            return NoMatch;
        }

        if (display is not null && AllWordsStart(display))
        {
            return 2;
        }

        foreach (var d in designations())
        {
            if (AllWordsStart(d))
            {
                return 3;
            }
        }

        return NoMatch;
    }

    /// <summary>Rank 0-2 from the code and display alone, or <see cref="NoMatch"/>; designations are left to <see cref="Matches"/>.</summary>
    public int RankCodeOrDisplay(string code, string? display) => Rank(code, display, static () => []);

    /// <summary>True when every word of the query starts a word of <paramref name="text"/> (designation rank 3).</summary>
    public bool Matches(string text) => _words.Length > 0 && AllWordsStart(text);

    /// <summary>Scans the text in place (no allocation): the hot loop of a type-ahead over a large code system.</summary>
    private bool AllWordsStart(string text)
    {
        foreach (var w in _words)
        {
            if (!AnyWordStartsWith(text, w))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyWordStartsWith(string text, string prefix)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var startsWord = char.IsLetterOrDigit(text[i]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
            if (startsWord && text.AsSpan(i).StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
