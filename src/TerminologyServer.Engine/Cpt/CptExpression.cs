namespace TerminologyServer.Engine.Cpt;

/// <summary>
/// A CPT post-coordinated expression in X12 style: a base code and one or more modifiers separated by colons,
/// <c>62321:50</c> or <c>99213:25:59</c>. Parsing checks the form only; what the parts mean is checked against
/// the code system by <see cref="CptBehaviour"/>.
/// </summary>
internal sealed class CptExpression
{
    private CptExpression(string baseCode, string[] modifiers, string? errorId, string? error)
    {
        Base = baseCode;
        Modifiers = modifiers;
        ErrorId = errorId;
        Error = error;
    }

    public string Base { get; }
    public string[] Modifiers { get; }

    /// <summary>Why the text is not a well-formed expression (with the right form when one can be guessed), or null.</summary>
    public string? Error { get; }

    public string? ErrorId { get; }

    /// <summary>
    /// The expression in <paramref name="code"/>, or null when the text does not look like an expression at all
    /// (a plain code, known or not). A malformed expression comes back with <see cref="Error"/> set.
    /// </summary>
    public static CptExpression? Parse(string code, int maxModifiers)
    {
        if (code.Contains(':', StringComparison.Ordinal))
        {
            var parts = code.Split(':');
            if (parts.Any(p => p.Length == 0))
            {
                return Malformed("CPT_EXPRESSION_EMPTY_PART", $"The CPT expression '{code}' has an empty part: write a code followed by modifiers, each after one ':', for example '62321:50' or '99213:25:59'.");
            }

            if (parts.Any(p => p.Contains('-', StringComparison.Ordinal) || p.Contains('.', StringComparison.Ordinal)) && Suggest(code) is { } mixed)
            {
                return Malformed("CPT_EXPRESSION_SEPARATOR", $"The CPT expression '{code}' uses '-' or '.' between parts: CPT expressions separate a code and its modifiers with ':' (X12 style), so write '{mixed}'.");
            }

            if (parts.Any(p => !IsAlphanumeric(p)))
            {
                return Malformed("CPT_EXPRESSION_SYNTAX", $"The CPT expression '{code}' contains characters that are not letters or digits: write a code followed by modifiers, each after one ':', for example '62321:50'.");
            }

            if (parts[0].Length != 5)
            {
                return Malformed("CPT_EXPRESSION_BASE", $"The CPT expression '{code}' must start with a five-character CPT code, not '{parts[0]}' (for example '62321:50').");
            }

            if (parts.Skip(1).FirstOrDefault(p => p.Length != 2) is { } wrong)
            {
                return Malformed("CPT_EXPRESSION_MODIFIER_FORM", $"'{wrong}' in the CPT expression '{code}' is not a modifier: CPT modifiers have two characters (for example '62321:50').");
            }

            if (parts.Length - 1 > maxModifiers)
            {
                return Malformed("CPT_EXPRESSION_TOO_MANY", $"The CPT expression '{code}' has {parts.Length - 1} modifiers; at most {maxModifiers} may be given.");
            }

            return new CptExpression(parts[0], parts[1..], null, null);
        }

        // 62321-50 or 62321.50: the common mistake; say what the right form is.
        return Suggest(code) is { } right
            ? Malformed("CPT_EXPRESSION_SEPARATOR", $"'{code}' is not a valid CPT expression: CPT expressions separate a code and its modifiers with ':' (X12 style), not '-' or '.', so write '{right}'.")
            : null;
    }

    /// <summary>The colon form of a code and modifiers separated by '-', '.' or ':', when it has that shape.</summary>
    private static string? Suggest(string code)
    {
        var parts = code.Split('-', '.', ':');
        if (parts.Length < 2 || parts[0].Length != 5 || !IsAlphanumeric(parts[0]))
        {
            return null;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length != 2 || !IsAlphanumeric(parts[i]))
            {
                return null;
            }
        }

        return string.Join(':', parts);
    }

    private static bool IsAlphanumeric(string s) => s.All(char.IsAsciiLetterOrDigit);

    private static CptExpression Malformed(string id, string text) => new("", [], id, text);
}
