namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// BCP-47 language tags (<c>urn:ietf:bcp:47</c>, RFC 5646): checked by the tag grammar, with the language,
/// extended language, script and region subtags looked up in the registries they come from (ISO 639, ISO 15924,
/// ISO 3166-1 and the UN M.49 areas; <c>Data/bcp47-*.tsv</c>, from Debian iso-codes); variants must be registered
/// in the IANA Language Subtag Registry and follow one of their prefixes (<see cref="Bcp47Variants"/>); an unknown
/// or misplaced variant is explained (<see cref="Explain"/>). Extensions and private use are checked by grammar only. Case-insensitive; the normal form lower-cases the language, title-cases
/// the script and upper-cases the region (RFC 5646 section 2.1.1). The display names the parts, e.g.
/// <c>en-US</c> "English (United States)". A grammar: not enumerable.
/// </summary>
public sealed class Bcp47CodeSystem : ComputedCodeSystem
{
    public const string Url = "urn:ietf:bcp:47";

    // RFC 5646 section 2.2.8: tags that predate the grammar, valid as a whole.
    private static readonly string[] Grandfathered =
    [
        "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo", "i-pwn",
        "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", "art-lojban", "cel-gaulish", "no-bok", "no-nyn",
        "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    ];

    private readonly Dictionary<string, string> _languages = EmbeddedData.Names("bcp47-languages.tsv", StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _scripts = EmbeddedData.Names("bcp47-scripts.tsv", StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _regions = EmbeddedData.Names("bcp47-regions.tsv", StringComparer.OrdinalIgnoreCase);
    private readonly Bcp47Variants _variants = new();

    public override CodeSystemInfo Info { get; } = new()
    {
        Url = Url,
        Name = "BCP47",
        Title = "Tags for the Identification of Languages (BCP 47)",
        Status = "active",
        Content = "complete",
        CaseSensitive = false,
        Language = "en",
    };

    public override bool IsEnumerable => false;

    public override IEnumerable<ComputedCode> Known => [];

    public override ComputedCode? Resolve(string code) => Parse(code, out _);

    /// <summary>Says which variant subtag is unknown or out of place; other invalid tags get the generic message.</summary>
    public override string? Explain(string code) =>
        Parse(code, out var why) is null && why is not null ? $"'{(code.Length > 100 ? code[..100] + "..." : code)}' is not a valid language tag: {why}" : null;

    private ComputedCode? Parse(string code, out string? why)
    {
        why = null;
        if (code.Length is 0 or > 100)
        {
            return null;
        }

        if (Array.Find(Grandfathered, g => g.Equals(code, StringComparison.OrdinalIgnoreCase)) is { } old)
        {
            return new ComputedCode(old, old);
        }

        var parts = code.Split('-');
        if (parts.Any(p => p.Length is 0 or > 8 || !p.All(char.IsAsciiLetterOrDigit)))
        {
            return null;
        }

        var normal = new List<string>(parts.Length);
        var i = 0;
        string? language = null, script = null, region = null;
        var details = new List<string>();

        if (parts[0].Equals("x", StringComparison.OrdinalIgnoreCase))
        {
            return PrivateUse(parts, 0, normal, details) ? Result(normal, "Private use", details) : null;
        }

        // language: 2-3 letters (4-8 letter subtags are reserved or registered individually, none of which we hold).
        if (!IsAlpha(parts[0], 2, 3) || !_languages.TryGetValue(parts[0], out language))
        {
            return null;
        }

        normal.Add(parts[0].ToLowerInvariant());
        i++;

        // extlang: up to three 3-letter subtags, each a language in its own right (e.g. zh-yue).
        for (var n = 0; n < 3 && i < parts.Length && IsAlpha(parts[i], 3, 3); n++, i++)
        {
            if (!_languages.TryGetValue(parts[i], out var extlang))
            {
                return null;
            }

            normal.Add(parts[i].ToLowerInvariant());
            language = extlang;
        }

        if (i < parts.Length && IsAlpha(parts[i], 4, 4))
        {
            if (!_scripts.TryGetValue(parts[i], out script))
            {
                return null;
            }

            normal.Add(char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant());
            i++;
        }

        if (i < parts.Length && (IsAlpha(parts[i], 2, 2) || (parts[i].Length == 3 && parts[i].All(char.IsAsciiDigit))))
        {
            if (!_regions.TryGetValue(parts[i], out region))
            {
                return null;
            }

            normal.Add(parts[i].ToUpperInvariant());
            i++;
        }

        var variants = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (i < parts.Length && IsVariant(parts[i]))
        {
            var variant = parts[i].ToLowerInvariant();
            if (!variants.Add(variant))
            {
                why = $"the variant '{variant}' is repeated";
                return null;
            }

            if (_variants.Check(variant, normal, out why) is not { } description)
            {
                return null;
            }

            normal.Add(variant);
            details.Add(description);
            i++;
        }

        var singletons = new HashSet<char>();
        while (i < parts.Length && parts[i].Length == 1 && !parts[i].Equals("x", StringComparison.OrdinalIgnoreCase))
        {
            // extension: a singleton and one or more 2-8 character subtags; each singleton once.
            if (!singletons.Add(char.ToLowerInvariant(parts[i][0])))
            {
                return null;
            }

            normal.Add(parts[i].ToLowerInvariant());
            var start = ++i;
            while (i < parts.Length && parts[i].Length >= 2)
            {
                normal.Add(parts[i].ToLowerInvariant());
                i++;
            }

            if (i == start)
            {
                return null;
            }

            details.Add("extension " + string.Join('-', parts[(start - 1)..i]).ToLowerInvariant());
        }

        if (i < parts.Length && !PrivateUse(parts, i, normal, details))
        {
            return null;
        }

        var qualifiers = new[] { script, region }.OfType<string>().Concat(details).ToList();
        return Result(normal, language, qualifiers);
    }

    private static bool PrivateUse(string[] parts, int at, List<string> normal, List<string> details)
    {
        // "x" and one or more 1-8 character subtags.
        if (!parts[at].Equals("x", StringComparison.OrdinalIgnoreCase) || at + 1 >= parts.Length)
        {
            return false;
        }

        var rest = parts[(at + 1)..];
        normal.Add("x");
        normal.AddRange(rest.Select(p => p.ToLowerInvariant()));
        details.Add("private use " + string.Join('-', rest).ToLowerInvariant());
        return true;
    }

    private static ComputedCode Result(List<string> normal, string name, List<string> qualifiers) =>
        new(string.Join('-', normal), qualifiers.Count == 0 ? name : $"{name} ({string.Join(", ", qualifiers)})");

    private static bool IsAlpha(string part, int min, int max) => part.Length >= min && part.Length <= max && part.All(char.IsAsciiLetter);

    // 5-8 alphanumerics, or a digit and 3 alphanumerics.
    private static bool IsVariant(string part) => part.Length is >= 5 and <= 8 || (part.Length == 4 && char.IsAsciiDigit(part[0]));
}
