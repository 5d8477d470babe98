using System.Globalization;
using System.Text;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// A post-coordinated expression of SNOMED CT compositional grammar 2.x
/// (https://confluence.ihtsdotools.org/display/DOCSCG): <c>[=== | &lt;&lt;&lt;] focus [+ focus]* [: refinement]</c>, where the
/// refinement is ungrouped attributes and <c>{ }</c> groups, each attribute <c>name = value</c>, a value being a concept,
/// a bracketed nested expression or a concrete value (<c>#12</c>, <c>"text"</c>, <c>true</c>). Terms between pipes are allowed
/// and ignored.
/// </summary>
public sealed record SnomedExpression(IReadOnlyList<long> Focus, IReadOnlyList<SnomedAttribute> Ungrouped, IReadOnlyList<IReadOnlyList<SnomedAttribute>> Groups)
{
    /// <summary>Every attribute, ungrouped first then by group, with its group number (0 ungrouped).</summary>
    public IEnumerable<(SnomedAttribute Attribute, int Group)> Attributes =>
        Ungrouped.Select(a => (a, 0)).Concat(Groups.SelectMany((g, i) => g.Select(a => (a, i + 1))));

    /// <summary>True for a bare concept id (no refinement, one focus): not an expression at all.</summary>
    public bool IsSimple => Focus.Count == 1 && Ungrouped.Count == 0 && Groups.Count == 0;

    /// <summary>Parses <paramref name="text"/>; null and an error (what was expected where) when it is not an expression.</summary>
    public static SnomedExpression? Parse(string text, out string? error)
    {
        var p = new Parser(text);
        try
        {
            var e = p.Expression();
            error = null;
            return e;
        }
        catch (FormatException x)
        {
            error = x.Message;
            return null;
        }
    }

    /// <summary>The expression with the term of each concept between pipes, as HL7's tests show it.</summary>
    public string Render(Func<long, string?> term)
    {
        var sb = new StringBuilder();
        Write(sb, this, term);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, SnomedExpression e, Func<long, string?> term)
    {
        for (var i = 0; i < e.Focus.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('+');
            }

            Concept(sb, e.Focus[i], term);
        }

        if (e.Ungrouped.Count == 0 && e.Groups.Count == 0)
        {
            return;
        }

        sb.Append(':');
        var first = true;
        foreach (var a in e.Ungrouped)
        {
            sb.Append(first ? "" : ",");
            first = false;
            Attribute(sb, a, term);
        }

        foreach (var g in e.Groups)
        {
            sb.Append(first ? "{" : ",{");
            first = false;
            for (var i = 0; i < g.Count; i++)
            {
                sb.Append(i > 0 ? "," : "");
                Attribute(sb, g[i], term);
            }

            sb.Append('}');
        }
    }

    private static void Attribute(StringBuilder sb, SnomedAttribute a, Func<long, string?> term)
    {
        Concept(sb, a.Name, term);
        sb.Append('=');
        if (a.Concept is { } c)
        {
            Concept(sb, c, term);
        }
        else if (a.Nested is { } nested)
        {
            sb.Append('(');
            Write(sb, nested, term);
            sb.Append(')');
        }
        else
        {
            sb.Append(a.Concrete);
        }
    }

    private static void Concept(StringBuilder sb, long id, Func<long, string?> term)
    {
        sb.Append(id.ToString(CultureInfo.InvariantCulture));
        if (term(id) is { } t)
        {
            sb.Append('|').Append(t).Append('|');
        }
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public SnomedExpression Expression()
        {
            Space();
            if (Peek("===") || Peek("<<<"))
            {
                _at += 3;
            }

            var e = SubExpression(0);
            Space();
            if (_at < text.Length)
            {
                throw Expected("the end of the expression");
            }

            return e;
        }

        private SnomedExpression SubExpression(int depth)
        {
            if (depth > 8)
            {
                throw new FormatException($"expressions nested more than 8 deep at position {_at + 1}");
            }

            var focus = new List<long> { ConceptReference() };
            while (Take('+'))
            {
                focus.Add(ConceptReference());
            }

            var ungrouped = new List<SnomedAttribute>();
            var groups = new List<IReadOnlyList<SnomedAttribute>>();
            if (Take(':'))
            {
                do
                {
                    Space();
                    if (Take('{'))
                    {
                        var group = new List<SnomedAttribute> { Attribute(depth) };
                        while (Take(','))
                        {
                            group.Add(Attribute(depth));
                        }

                        if (!Take('}'))
                        {
                            throw Expected("',' or '}'");
                        }

                        groups.Add(group);
                    }
                    else if (groups.Count > 0)
                    {
                        throw Expected("'{' (ungrouped attributes come before the groups)");
                    }
                    else
                    {
                        ungrouped.Add(Attribute(depth));
                    }
                }
                while (Take(','));
            }

            return new SnomedExpression(focus, ungrouped, groups);
        }

        private SnomedAttribute Attribute(int depth)
        {
            var name = ConceptReference();
            if (!Take('='))
            {
                throw Expected("'='");
            }

            Space();
            if (Take('('))
            {
                var nested = SubExpression(depth + 1);
                if (!Take(')'))
                {
                    throw Expected("')'");
                }

                return new SnomedAttribute(name, null, nested, null);
            }

            if (_at < text.Length && (text[_at] is '#' or '"' || Peek("true") || Peek("false")))
            {
                return new SnomedAttribute(name, null, null, Concrete());
            }

            return new SnomedAttribute(name, ConceptReference(), null, null);
        }

        private string Concrete()
        {
            var start = _at;
            if (text[_at] == '"')
            {
                var end = text.IndexOf('"', _at + 1);
                if (end < 0)
                {
                    throw Expected("a closing '\"'");
                }

                _at = end + 1;
            }
            else if (text[_at] == '#')
            {
                _at++;
                if (_at < text.Length && text[_at] is '-' or '+')
                {
                    _at++;
                }

                var digits = _at;
                while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '.'))
                {
                    _at++;
                }

                if (_at == digits || !decimal.TryParse(text.AsSpan(digits, _at - digits), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    throw Expected("a number after '#'");
                }
            }
            else
            {
                _at += Peek("true") ? 4 : 5;
            }

            return text[start.._at];
        }

        private long ConceptReference()
        {
            Space();
            var start = _at;
            while (_at < text.Length && char.IsAsciiDigit(text[_at]))
            {
                _at++;
            }

            if (_at == start)
            {
                throw Expected("a concept id");
            }

            var id = text.AsSpan(start, _at - start);
            if (id.Length is < 6 or > 18 || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"'{id}' at position {start + 1} is not a SNOMED CT concept id (6 to 18 digits)");
            }

            Space();
            if (Take('|'))
            {
                var end = text.IndexOf('|', _at);
                if (end < 0)
                {
                    throw Expected("the '|' that closes the term");
                }

                _at = end + 1;
                Space();
            }

            return value;
        }

        private bool Take(char c)
        {
            Space();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        private bool Peek(string s) => string.CompareOrdinal(text, _at, s, 0, s.Length) == 0;

        private void Space()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }

        private FormatException Expected(string what) =>
            new(_at < text.Length ? $"expected {what} at position {_at + 1}, found '{text[_at]}'" : $"expected {what} at the end");
    }
}

/// <summary>One attribute of an expression: its name concept and a concept, nested expression or concrete value.</summary>
public sealed record SnomedAttribute(long Name, long? Concept, SnomedExpression? Nested, string? Concrete);
