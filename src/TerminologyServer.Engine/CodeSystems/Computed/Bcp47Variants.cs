namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// The variant subtags of the IANA Language Subtag Registry (<c>Data/bcp47-variants.tsv</c>), each with the
/// prefixes it is registered for. RFC 5646 section 3.1.8: a variant with prefixes belongs only in a tag that holds
/// the subtags of one of them, in order, before it (other subtags may come between: <c>sl-IT-nedis</c> is right
/// for the prefix <c>sl</c>, <c>zh-Latn-CN-pinyin</c> for <c>zh-Latn</c>); a variant without one goes anywhere.
/// </summary>
internal sealed class Bcp47Variants
{
    private readonly Dictionary<string, (string[][] Prefixes, string Description)> _variants = new(StringComparer.OrdinalIgnoreCase);

    public Bcp47Variants()
    {
        foreach (var row in EmbeddedData.Rows("bcp47-variants.tsv"))
        {
            var prefixes = row[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('-')).ToArray();
            _variants[row[0]] = (prefixes, row[2]);
        }
    }

    /// <summary>
    /// The description of <paramref name="variant"/> when it may follow <paramref name="before"/> (the subtags
    /// before it); otherwise null, with <paramref name="why"/> naming the subtag and what is wrong.
    /// </summary>
    public string? Check(string variant, IReadOnlyList<string> before, out string? why)
    {
        why = null;
        if (!_variants.TryGetValue(variant, out var registered))
        {
            why = $"'{variant}' is not a registered variant subtag";
            return null;
        }

        if (registered.Prefixes.Length == 0 || registered.Prefixes.Any(p => Holds(before, p)))
        {
            return registered.Description;
        }

        var prefixes = string.Join(", ", registered.Prefixes.Select(p => string.Join('-', p)));
        why = $"the variant '{variant}' ({registered.Description}) is registered only for tags beginning with {prefixes}";
        return null;
    }

    // The prefix's subtags appear in order among the subtags before the variant (the first one first).
    private static bool Holds(IReadOnlyList<string> before, string[] prefix)
    {
        if (before.Count == 0 || !before[0].Equals(prefix[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var at = 1;
        for (var i = 1; i < before.Count && at < prefix.Length; i++)
        {
            if (before[i].Equals(prefix[at], StringComparison.OrdinalIgnoreCase))
            {
                at++;
            }
        }

        return at == prefix.Length;
    }
}
