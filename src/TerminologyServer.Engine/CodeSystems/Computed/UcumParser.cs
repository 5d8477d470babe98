using System.Text;

namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// Checks a UCUM expression against the UCUM grammar (https://ucum.org/ucum#section-Syntax-Rules): terms joined
/// by <c>.</c> and <c>/</c>, a leading <c>/</c>, parentheses, integer factors, annotations in braces, and
/// simple units (an atom, or a prefix and a metric atom) with an optional signed exponent. Answers a readable
/// description such as <c>(milligram) / (deciliter)</c>, or null when the expression is not valid UCUM.
/// </summary>
internal sealed class UcumParser(UcumEssence essence)
{
    private const int MaxDepth = 16;

    public string? Describe(string expression)
    {
        if (expression.Length is 0 or > 200 || expression.Any(c => c < 32 || c > 126))
        {
            return null;
        }

        var position = 0;
        var text = new StringBuilder();
        if (expression[0] == '/')
        {
            text.Append("1 / ");
            position = 1;
        }

        return Term(expression, ref position, 0, text) && position == expression.Length ? text.ToString() : null;
    }

    private bool Term(string s, ref int position, int depth, StringBuilder text)
    {
        if (depth > MaxDepth || !Component(s, ref position, depth, text))
        {
            return false;
        }

        while (position < s.Length && s[position] is '.' or '/')
        {
            text.Append(s[position] == '.' ? " * " : " / ");
            position++;
            if (!Component(s, ref position, depth, text))
            {
                return false;
            }
        }

        return true;
    }

    private bool Component(string s, ref int position, int depth, StringBuilder text)
    {
        if (position >= s.Length)
        {
            return false;
        }

        if (s[position] == '(')
        {
            position++;
            text.Append('(');
            if (!Term(s, ref position, depth + 1, text) || position >= s.Length || s[position] != ')')
            {
                return false;
            }

            position++;
            text.Append(')');
            return Annotation(s, ref position, text, optional: true);
        }

        if (s[position] == '{')
        {
            return Annotation(s, ref position, text, optional: false);
        }

        // The unit (with its exponent) runs to the next operator, parenthesis or annotation outside brackets.
        var start = position;
        var brackets = 0;
        while (position < s.Length && (brackets > 0 || s[position] is not ('.' or '/' or '(' or ')' or '{')))
        {
            brackets += s[position] == '[' ? 1 : s[position] == ']' ? -1 : 0;
            if (brackets < 0)
            {
                return false;
            }

            position++;
        }

        if (brackets != 0 || position == start)
        {
            return false;
        }

        var token = s[start..position];
        if (token.All(char.IsAsciiDigit))
        {
            text.Append(token);
        }
        else if (SimpleUnitWithExponent(token) is { } unit)
        {
            text.Append(unit);
        }
        else
        {
            return false;
        }

        return Annotation(s, ref position, text, optional: true);
    }

    private static bool Annotation(string s, ref int position, StringBuilder text, bool optional)
    {
        if (position >= s.Length || s[position] != '{')
        {
            return optional;
        }

        var end = s.IndexOf('}', position + 1);
        if (end < 0 || s.IndexOf('{', position + 1, end - position - 1) >= 0)
        {
            return false;
        }

        // Annotations carry no meaning; an annotation alone stands for the unit 1.
        text.Append(s, position, end - position + 1);
        position = end + 1;
        return true;
    }

    private string? SimpleUnitWithExponent(string token)
    {
        if (SimpleUnit(token) is { } whole)
        {
            return whole;
        }

        // A trailing signed integer is the exponent: m2, s-1, 10*3.
        var digits = token.Length;
        while (digits > 0 && char.IsAsciiDigit(token[digits - 1]))
        {
            digits--;
        }

        if (digits == token.Length)
        {
            return null;
        }

        var signAt = digits > 0 && token[digits - 1] is '+' or '-' ? digits - 1 : digits;
        return signAt > 0 && SimpleUnit(token[..signAt]) is { } unit ? $"{unit}^{token[signAt..].TrimStart('+')}" : null;
    }

    private string? SimpleUnit(string token)
    {
        if (essence.Units.TryGetValue(token, out var atom))
        {
            return $"({atom.Name})";
        }

        foreach (var length in (ReadOnlySpan<int>)[1, 2])
        {
            if (token.Length > length
                && essence.Prefixes.TryGetValue(token[..length], out var prefix)
                && essence.Units.TryGetValue(token[length..], out var prefixed)
                && prefixed.Metric)
            {
                return $"({prefix}{prefixed.Name})";
            }
        }

        return null;
    }
}
