namespace TerminologyServer.Engine.Cpt;

/// <summary>
/// A list of codes and code ranges such as <c>20100-69990, 92920, 92926-92928</c> or <c>0001F-9999F</c>. A range
/// holds the codes of its ends' length and shape (digits where they have digits, the same letters where they
/// have letters) that sort between them, so <c>0001F-9999F</c> holds the Category II codes and no others.
/// </summary>
internal sealed class CodeRanges
{
    private readonly (string Low, string High)[] _ranges;

    private CodeRanges((string Low, string High)[] ranges) => _ranges = ranges;

    public int Count => _ranges.Length;

    /// <summary>Parses the list; throws an invalid-input <see cref="TerminologyException"/> that names a malformed entry.</summary>
    public static CodeRanges Parse(string text)
    {
        var ranges = new List<(string, string)>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = entry.IndexOf('-', StringComparison.Ordinal);
            var low = dash < 0 ? entry : entry[..dash].Trim();
            var high = dash < 0 ? entry : entry[(dash + 1)..].Trim();
            if (low.Length == 0 || high.Length == 0 || low.Length != high.Length || !SameShape(low, high) || string.CompareOrdinal(low, high) > 0)
            {
                throw TerminologyException.Invalid(
                    "CPT_CODE_RANGE_INVALID",
                    $"'{entry}' is not a code or a code range: write a code (92920) or low-high with two codes of the same form, low first (20100-69990, 0001F-9999F).");
            }

            ranges.Add((low, high));
        }

        return new CodeRanges([.. ranges]);
    }

    public bool Contains(string code)
    {
        foreach (var (low, high) in _ranges)
        {
            if (code.Length == low.Length && SameShape(code, low)
                && string.CompareOrdinal(code, low) >= 0 && string.CompareOrdinal(code, high) <= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Digits where <paramref name="b"/> has digits, and otherwise the very same character.</summary>
    private static bool SameShape(string a, string b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var digit = char.IsAsciiDigit(b[i]);
            if (digit ? !char.IsAsciiDigit(a[i]) : a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => string.Join(", ", _ranges.Select(r => r.Low == r.High ? r.Low : $"{r.Low}-{r.High}"));
}
