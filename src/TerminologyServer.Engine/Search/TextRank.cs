namespace TerminologyServer.Engine.Search;

/// <summary>Where a text query matched a concept, best first. A typo match sits just below its exact level.</summary>
public enum MatchLevel
{
    /// <summary>The code itself (ignoring case, and for the site search punctuation).</summary>
    Code = 0,

    /// <summary>A code starting with the query.</summary>
    CodePrefix = 1,

    /// <summary>Every query word starts a word of the display.</summary>
    Display = 2,

    /// <summary>Every query word starts a word of a designation (synonym, FSN, other language).</summary>
    Designation = 4,

    /// <summary>Every query word starts a word of the concept's text: definition, narrative sections, string properties.</summary>
    Narrative = 6,
}

/// <summary>
/// The one text ranking that <c>$expand</c>'s <c>filter</c> and the site search share: a sort key, smaller is better.
/// Order: the match level (code, code prefix, display, designation, narrative; a typo just below each exact level),
/// then clinical code systems before FHIR-core administrative ones, active before inactive, then closeness to the
/// display: fewer query words missing as whole words, fewer display words the query did not ask for (so the category
/// or the "unspecified" code comes before its specific leaves), the display starting with the first query word, and a
/// shorter display. A narrative match is ordered by where the words occur instead (see <see cref="Place"/>).
/// Callers break ties by their own stable order (source order of the concepts).
/// </summary>
public static class TextRank
{
    /// <summary>Longest display length or place the key tells apart.</summary>
    public const int MaxLength = (1 << LengthBits) - 1;

    /// <summary>Keys are below 2^<see cref="KeyBits"/>: callers may pack a concept position under them.</summary>
    public const int KeyBits = 27;

    private const int LengthBits = 12;

    /// <summary>Words that add nothing to a match: function words, and ICD's "unspecified (organism/site)" that marks the default code.</summary>
    private static readonly HashSet<string> FreeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "the", "and", "or", "in", "with", "to", "due", "by", "for", "a", "an", "on", "unspecified", "organism", "site", "not", "specified",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FreeWordSpans = FreeWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The key of a code or code-prefix match: level, system kind, status and code length.</summary>
    public static long OfCode(MatchLevel level, bool administrative, bool inactive, int codeLength) =>
        Key((int)level, administrative, inactive, 0, 0, 0, codeLength);

    /// <summary>The key of a display or designation match, from the closeness of <paramref name="display"/> to <paramref name="words"/> (lower-case query words).</summary>
    public static long OfText(MatchLevel level, bool typo, bool administrative, bool inactive, string? display, IReadOnlyList<string> words)
    {
        var text = display ?? "";
        var (missing, extra) = Closeness(text, words);
        var startsOff = words.Count > 0 && text.StartsWith(words[0], StringComparison.OrdinalIgnoreCase) ? 0 : 1;
        return Key((int)level + (typo ? 1 : 0), administrative, inactive, missing, extra, startsOff, text.Length);
    }

    /// <summary>The key of a narrative match: ordered by <paramref name="place"/> (see <see cref="Place"/>), the display playing no part.</summary>
    public static long OfNarrative(bool typo, bool administrative, bool inactive, int place) =>
        Key((int)MatchLevel.Narrative + (typo ? 1 : 0), administrative, inactive, 0, 0, 0, place);

    /// <summary>
    /// FHIR-core administrative code systems (HL7 terminology, FHIR-defined codes): still found, but after the clinical
    /// code systems (CPT, ICD, HCPCS, SNOMED CT, LOINC, RxNorm…) at the same match level.
    /// </summary>
    public static bool IsAdministrative(string url) =>
        url.StartsWith("http://hl7.org/fhir/", StringComparison.Ordinal) && !url.StartsWith("http://hl7.org/fhir/sid/", StringComparison.Ordinal)
        || url.StartsWith("http://terminology.hl7.org/", StringComparison.Ordinal);

    /// <summary>The level a key was made with (<see cref="MatchLevel"/> plus 1 for a typo).</summary>
    public static int LevelOf(long key) => (int)(key >> 23);

    /// <summary>
    /// Where the query words occur in a concept's texts (definition, then narrative sections in their order): the first
    /// text holding the most query words, then how far into it the first of them starts (in words). Smaller is better:
    /// a phrase in the summary comes before the same words in the list of similar codes.
    /// </summary>
    public static int Place(IReadOnlyList<string> texts, IReadOnlyList<string> words)
    {
        var best = -1;
        var bestCount = 0;
        var bestOffset = 0;
        for (var t = 0; t < texts.Count; t++)
        {
            var (count, offset) = Occurrence(texts[t], words);
            if (count > bestCount)
            {
                (best, bestCount, bestOffset) = (t, count, offset);
            }
        }

        return best < 0 ? MaxLength : Math.Min(MaxLength, Math.Min(best, 62) * 64 + Math.Min(bestOffset, 63));
    }

    /// <summary>
    /// Query words (up to 64) that are not whole words of the display, and display words that are neither asked for
    /// nor free words. Scans the display in place: this runs for every match of a type-ahead.
    /// </summary>
    public static (int Missing, int Extra) Closeness(ReadOnlySpan<char> display, IReadOnlyList<string> words)
    {
        var found = 0UL;
        var extra = 0;
        var i = 0;
        while (NextWord(display, ref i, out var word))
        {
            var asked = false;
            for (var k = 0; k < words.Count && k < 64; k++)
            {
                if (word.Equals(words[k], StringComparison.OrdinalIgnoreCase))
                {
                    found |= 1UL << k;
                    asked = true;
                }
            }

            if (!asked && word.Length > 1 && !char.IsAsciiDigit(word[0]) && !FreeWordSpans.Contains(word))
            {
                extra++;
            }
        }

        var missing = Math.Min(words.Count, 64) - System.Numerics.BitOperations.PopCount(found);
        return (missing, extra);
    }

    private static (int Count, int Offset) Occurrence(string text, IReadOnlyList<string> words)
    {
        var seen = 0UL;
        var first = -1;
        var position = 0;
        var i = 0;
        while (NextWord(text, ref i, out var word))
        {
            for (var k = 0; k < words.Count && k < 64; k++)
            {
                if (word.StartsWith(words[k], StringComparison.OrdinalIgnoreCase))
                {
                    seen |= 1UL << k;
                    if (first < 0)
                    {
                        first = position;
                    }
                }
            }

            position++;
        }

        return (System.Numerics.BitOperations.PopCount(seen), Math.Max(first, 0));
    }

    /// <summary>The next run of letters and digits at or after <paramref name="i"/> (the word rule of <see cref="Words"/>).</summary>
    private static bool NextWord(ReadOnlySpan<char> text, ref int i, out ReadOnlySpan<char> word)
    {
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        var start = i;
        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        word = text[start..i];
        return word.Length > 0;
    }

    private static long Key(int level, bool administrative, bool inactive, int missingWholeWords, int extraWords, int startsOff, int length) =>
        ((long)level << 23) | ((administrative ? 1L : 0L) << 22) | ((inactive ? 1L : 0L) << 21) | ((long)Math.Min(missingWholeWords, 15) << 17)
        | ((long)Math.Min(extraWords, 15) << 13) | ((long)startsOff << LengthBits) | (long)Math.Min(length, MaxLength);
}
