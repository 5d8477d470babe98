using TerminologyServer.Engine.Search;

namespace TerminologyServer.Engine.Expand;

/// <summary>
/// The <c>filter</c> parameter of <c>$expand</c> (type-ahead search): every word of the query must be the
/// start of a word of the display or of one designation, or the query must start the code. Matches are ordered
/// by the ranking the site search uses too (<see cref="TextRank"/>): the exact code, codes starting with the query,
/// display matches, designation matches; within a level clinical before administrative systems, active before
/// inactive, then the closer display (whole words, fewer extra words, shorter); then the original order.
/// </summary>
public sealed class TextFilter
{
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
        var words = Words.Split(trimmed).Distinct().ToArray();
        return new TextFilter(trimmed, words);
    }

    /// <summary>The query as given, trimmed.</summary>
    public string Query => _query;

    /// <summary>The distinct lower-case words of the query.</summary>
    public IReadOnlyList<string> QueryWords => _words;

    /// <summary>The level of a match on the code or the display (designations are left to <see cref="Matches"/>), or null.</summary>
    public MatchLevel? CodeOrDisplayLevel(string code, string? display)
    {
        if (code.Equals(_query, StringComparison.OrdinalIgnoreCase))
        {
            return MatchLevel.Code;
        }

        if (code.StartsWith(_query, StringComparison.OrdinalIgnoreCase))
        {
            return MatchLevel.CodePrefix;
        }

        return _words.Length > 0 && display is not null && AllWordsStart(display) ? MatchLevel.Display : null;
    }

    /// <summary>The level of a match anywhere (code, display, one designation), or null when the concept does not match.</summary>
    public MatchLevel? Level(string code, string? display, IEnumerable<string> designations) =>
        CodeOrDisplayLevel(code, display) ?? (designations.Any(Matches) ? MatchLevel.Designation : null);

    /// <summary>
    /// The sort key of a match at <paramref name="level"/> (see <see cref="TextRank"/>); smaller is better.
    /// <paramref name="administrative"/> is <see cref="TextRank.IsAdministrative"/> of the member's system, asked once per system by the caller.
    /// </summary>
    public long Key(MatchLevel level, bool administrative, string code, string? display, bool inactive) => level <= MatchLevel.CodePrefix
        ? TextRank.OfCode(level, administrative, inactive, code.Length)
        : TextRank.OfText(level, typo: false, administrative, inactive, display, _words);

    /// <summary>True when every word of the query starts a word of <paramref name="text"/> (designation level).</summary>
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
