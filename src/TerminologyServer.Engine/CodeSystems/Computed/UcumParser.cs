using System.Text;

namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// Reads a UCUM expression by the UCUM grammar (https://ucum.org/ucum#section-Syntax-Rules): terms joined by
/// <c>.</c> and <c>/</c>, a leading <c>/</c>, parentheses, integer factors, annotations in braces, and simple
/// units (an atom, or a prefix and a metric atom) with an optional signed exponent. Answers a readable
/// description such as <c>(milligram) / (deciliter)</c>, or the exponents of the atoms met (for
/// <see cref="UcumCanonical"/>); null when the expression is not valid UCUM.
/// </summary>
internal sealed class UcumParser(UcumEssence essence)
{
    private const int MaxDepth = 16;

    public string? Describe(string expression)
    {
        var text = new StringBuilder();
        return Read(expression, text, null) ? text.ToString() : null;
    }

    /// <summary>
    /// The atoms of <paramref name="expression"/> with their total exponents (prefixes, factors and annotations
    /// dropped: they change the magnitude, not the kind of quantity); null when it is not valid UCUM.
    /// </summary>
    public Dictionary<string, int>? Atoms(string expression)
    {
        var atoms = new Dictionary<string, int>(StringComparer.Ordinal);
        return Read(expression, null, atoms) ? atoms : null;
    }

    private bool Read(string expression, StringBuilder? text, Dictionary<string, int>? atoms)
    {
        if (expression.Length is 0 or > 200 || expression.Any(c => c < 32 || c > 126))
        {
            return false;
        }

        var reader = new Reader(essence, expression, text, atoms);
        var sign = 1;
        if (expression[0] == '/')
        {
            text?.Append("1 / ");
            reader.Position = 1;
            sign = -1;
        }

        return reader.Term(0, sign) && reader.Position == expression.Length;
    }

    private sealed class Reader(UcumEssence essence, string s, StringBuilder? text, Dictionary<string, int>? atoms)
    {
        public int Position { get; set; }

        public bool Term(int depth, int sign)
        {
            if (depth > MaxDepth || !Component(depth, sign))
            {
                return false;
            }

            while (Position < s.Length && s[Position] is '.' or '/')
            {
                var divide = s[Position] == '/';
                text?.Append(divide ? " / " : " * ");
                Position++;
                if (!Component(depth, divide ? -sign : sign))
                {
                    return false;
                }
            }

            return true;
        }

        private bool Component(int depth, int sign)
        {
            if (Position >= s.Length)
            {
                return false;
            }

            if (s[Position] == '(')
            {
                Position++;
                text?.Append('(');
                if (!Term(depth + 1, sign) || Position >= s.Length || s[Position] != ')')
                {
                    return false;
                }

                Position++;
                text?.Append(')');
                return Annotation(optional: true);
            }

            if (s[Position] == '{')
            {
                return Annotation(optional: false);
            }

            // The unit (with its exponent) runs to the next operator, parenthesis or annotation outside brackets.
            var start = Position;
            var brackets = 0;
            while (Position < s.Length && (brackets > 0 || s[Position] is not ('.' or '/' or '(' or ')' or '{')))
            {
                brackets += s[Position] == '[' ? 1 : s[Position] == ']' ? -1 : 0;
                if (brackets < 0)
                {
                    return false;
                }

                Position++;
            }

            if (brackets != 0 || Position == start)
            {
                return false;
            }

            var token = s[start..Position];
            if (token.All(char.IsAsciiDigit))
            {
                text?.Append(token);
            }
            else if (!SimpleUnitWithExponent(token, sign))
            {
                return false;
            }

            return Annotation(optional: true);
        }

        private bool Annotation(bool optional)
        {
            if (Position >= s.Length || s[Position] != '{')
            {
                return optional;
            }

            var end = s.IndexOf('}', Position + 1);
            if (end < 0 || s.IndexOf('{', Position + 1, end - Position - 1) >= 0)
            {
                return false;
            }

            // Annotations carry no meaning; an annotation alone stands for the unit 1.
            text?.Append(s, Position, end - Position + 1);
            Position = end + 1;
            return true;
        }

        private bool SimpleUnitWithExponent(string token, int sign)
        {
            if (SimpleUnit(token) is { } whole)
            {
                text?.Append(whole.Description);
                Add(whole.Atom, sign);
                return true;
            }

            // A trailing signed integer is the exponent: m2, s-1, 10*3.
            var digits = token.Length;
            while (digits > 0 && char.IsAsciiDigit(token[digits - 1]))
            {
                digits--;
            }

            if (digits == token.Length)
            {
                return false;
            }

            var signAt = digits > 0 && token[digits - 1] is '+' or '-' ? digits - 1 : digits;
            if (signAt == 0 || SimpleUnit(token[..signAt]) is not { } unit)
            {
                return false;
            }

            text?.Append($"{unit.Description}^{token[signAt..].TrimStart('+')}");
            if (atoms is not null)
            {
                // A valid expression with an absurd exponent has no canonical form worth comparing.
                if (!int.TryParse(token.AsSpan(signAt), out var exponent) || Math.Abs(exponent) > 1000)
                {
                    return false;
                }

                Add(unit.Atom, sign * exponent);
            }

            return true;
        }

        private void Add(string atom, int exponent)
        {
            if (atoms is not null)
            {
                atoms[atom] = atoms.GetValueOrDefault(atom) + exponent;
            }
        }

        private (string Atom, string Description)? SimpleUnit(string token)
        {
            if (essence.Units.TryGetValue(token, out var atom))
            {
                return (token, $"({atom.Name})");
            }

            foreach (var length in (ReadOnlySpan<int>)[1, 2])
            {
                if (token.Length > length
                    && essence.Prefixes.TryGetValue(token[..length], out var prefix)
                    && essence.Units.TryGetValue(token[length..], out var prefixed)
                    && prefixed.Metric)
                {
                    return (token[length..], $"({prefix}{prefixed.Name})");
                }
            }

            return null;
        }
    }
}
