using System.Globalization;
using System.Text;

namespace TerminologyServer.Engine.Snomed.Ecl;

// The character-level part of the parser: white space and comments, keywords, identifiers, numbers, quoted strings.
public sealed partial class EclParser
{
    private readonly string _s;
    private readonly EclLimits _limits;
    private int _pos;
    private int _depth;

    private EclParser(string text, EclLimits limits)
    {
        _s = text;
        _limits = limits;
    }

    private bool AtEnd => _pos >= _s.Length;

    private char Peek(int ahead = 0) => _pos + ahead < _s.Length ? _s[_pos + ahead] : '\0';

    /// <summary>Skips white space and <c>/* */</c> comments.</summary>
    private void Ws()
    {
        while (!AtEnd)
        {
            var c = _s[_pos];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var end = _s.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("the end of the comment '*/'", _s.Length);
                }

                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private bool TryChar(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _pos++;
        return true;
    }

    private bool TryText(string text)
    {
        if (string.CompareOrdinal(_s, _pos, text, 0, text.Length) != 0)
        {
            return false;
        }

        _pos += text.Length;
        return true;
    }

    private void Expect(char c, string what)
    {
        if (!TryChar(c))
        {
            throw Error(what);
        }
    }

    /// <summary>A keyword (case-insensitive) not followed by a letter or digit: <c>AND</c>, <c>term</c>.</summary>
    private bool IsKeyword(string keyword, int at = -1)
    {
        at = at < 0 ? _pos : at;
        if (at + keyword.Length > _s.Length
            || string.Compare(_s, at, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var next = at + keyword.Length < _s.Length ? _s[at + keyword.Length] : ' ';
        return !char.IsAsciiLetterOrDigit(next) && next != '-' && next != '_';
    }

    private bool TryKeyword(string keyword)
    {
        if (!IsKeyword(keyword))
        {
            return false;
        }

        _pos += keyword.Length;
        return true;
    }

    /// <summary>A SCTID: 6 to 18 digits, no leading zero, a valid Verhoeff check digit, partition of a concept.</summary>
    private long ParseSctId(string what = "a concept id (SCTID)", char partition = '0')
    {
        var start = _pos;
        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        var length = _pos - start;
        if (length == 0)
        {
            throw Error(what);
        }

        var digits = _s.AsSpan(start, length);
        if (length < 6 || length > 18 || digits[0] == '0')
        {
            throw Error(what + " of 6 to 18 digits not starting with 0", start);
        }

        if (!Sctid.HasValidCheckDigit(digits))
        {
            throw Error(what + " with a valid check digit", start);
        }

        // The partition digit (second from the right) says what kind of component the id names: 0 concept, 1 description.
        if (digits[^2] != partition || digits[^3] is not ('0' or '1'))
        {
            throw Error(what + (partition == '0' ? " (this id is not a concept id)" : " (this id is not a description id)"), start);
        }

        return long.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>An optional term between pipes after a concept id; its content is not checked.</summary>
    private string? TryTerm()
    {
        var save = _pos;
        Ws();
        if (!TryChar('|'))
        {
            _pos = save;
            return null;
        }

        var end = _s.IndexOf('|', _pos);
        if (end < 0)
        {
            throw Error("the closing '|' of the term", _s.Length);
        }

        var term = _s[_pos..end].Trim();
        _pos = end + 1;
        return term;
    }

    private int ParseNonNegativeInteger(string what)
    {
        var start = _pos;
        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error(what);
        }

        if (!int.TryParse(_s.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(what + " that is not too large", start);
        }

        return value;
    }

    /// <summary>A number after <c>#</c>: optional sign, integer or decimal.</summary>
    private decimal ParseNumber()
    {
        var start = _pos;
        if (Peek() is '-' or '+')
        {
            _pos++;
        }

        var digits = _pos;
        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        if (_pos == digits)
        {
            throw Error("a number after '#'");
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            while (char.IsAsciiDigit(Peek()))
            {
                _pos++;
            }
        }

        if (!decimal.TryParse(_s.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
        {
            throw Error("a number that is not too large", start);
        }

        return value;
    }

    /// <summary>A quoted string; <c>\"</c> and <c>\\</c> are escapes, <c>\*</c> is kept escaped for wild terms.</summary>
    private string ParseQuoted(bool keepStarEscape = false)
    {
        var open = _pos;
        Expect('"', "'\"'");
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("the closing '\"' of the string opened at character " + (open + 1), _s.Length);
            }

            var c = _s[_pos++];
            if (c == '"')
            {
                return text.ToString();
            }

            if (c == '\\' && Peek() is '"' or '\\' or '*')
            {
                var escaped = _s[_pos++];
                if (escaped == '*' && keepStarEscape)
                {
                    text.Append('\\');
                }

                text.Append(escaped);
                continue;
            }

            text.Append(c);
        }
    }

    /// <summary>A word of letters (refset field names, dialect aliases with dashes and digits).</summary>
    private string ParseWord(string what, bool allowDashDigits = false)
    {
        var start = _pos;
        if (!char.IsAsciiLetter(Peek()))
        {
            throw Error(what);
        }

        while (char.IsAsciiLetter(Peek()) || (allowDashDigits && (char.IsAsciiDigit(Peek()) || Peek() == '-')))
        {
            _pos++;
        }

        return _s[start.._pos];
    }

    private EclSyntaxException Error(string expected, int at = -1)
    {
        at = at < 0 ? _pos : at;
        return new EclSyntaxException(_s, at + 1, expected, Found(at));
    }

    private string Found(int at)
    {
        if (at >= _s.Length)
        {
            return "the end of the expression";
        }

        var end = at;
        while (end < _s.Length && end - at < 20 && !char.IsWhiteSpace(_s[end]))
        {
            end++;
        }

        return "'" + (end == at ? _s[at].ToString() : _s[at..end]) + "'";
    }

    private void Enter()
    {
        if (++_depth > _limits.MaxDepth)
        {
            throw new EclSyntaxException(_s, _pos + 1, $"at most {_limits.MaxDepth} levels of nesting", Found(_pos));
        }

        // Deep input is refused above; this guards the stack if a caller raises MaxDepth too far.
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new EclSyntaxException(_s, _pos + 1, "less deeply nested input", Found(_pos));
        }
    }

    private void Leave() => _depth--;
}
