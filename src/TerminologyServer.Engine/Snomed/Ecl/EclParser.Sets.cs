using System.Globalization;

namespace TerminologyServer.Engine.Snomed.Ecl;

// The value sets of filters: concept reference sets, word sets, dialects with acceptabilities, effective times.
public sealed partial class EclParser
{
    // subExpressionConstraint / eclConceptReferenceSet: "(" id id ... ")" is a set, "(" expression ")" a nested one.
    private EclExpression ParseConceptSelector()
    {
        if (Peek() == '(' && IsReferenceSet())
        {
            _pos++;
            var references = new List<EclExpression>();
            do
            {
                Ws();
                references.Add(new EclConceptReference(ParseSctId(), TryTerm()));
                Ws();
            }
            while (char.IsAsciiDigit(Peek()));

            Expect(')', "another concept id or ')'");
            return references.Count == 1 ? references[0] : new EclCompound(EclLogic.Or, references);
        }

        return ParseSub();
    }

    // "(" id [|term|] id ...: two ids in a row with only white space (or a term) between them.
    private bool IsReferenceSet()
    {
        var save = _pos;
        try
        {
            _pos++;
            Ws();
            if (!char.IsAsciiDigit(Peek()))
            {
                return false;
            }

            ParseSctId();
            TryTerm();
            Ws();
            return char.IsAsciiDigit(Peek()) || Peek() == ')';
        }
        catch (EclSyntaxException)
        {
            return false;
        }
        finally
        {
            _pos = save;
        }
    }

    private static EclExpression AnyOf(IEnumerable<long> ids)
    {
        var references = ids.Distinct().Select(id => (EclExpression)new EclConceptReference(id, null)).ToList();
        return references.Count == 1 ? references[0] : new EclCompound(EclLogic.Or, references);
    }

    private static long TypeToken(string word) => word.ToLowerInvariant() switch
    {
        "syn" => Synonym,
        "fsn" => Fsn,
        "def" => Definition,
        _ => 0,
    };

    private static long StatusToken(string word) => word.ToLowerInvariant() switch
    {
        "primitive" => Primitive,
        "defined" => Defined,
        _ => 0,
    };

    // word / "(" word *(mws word) ")", each word checked by isValid.
    private List<string> ParseWordSet(string what, Func<string, bool> isValid)
    {
        var words = new List<string>();
        var set = TryChar('(');
        do
        {
            Ws();
            var start = _pos;
            var word = ParseWord(what, allowDashDigits: true);
            if (!isValid(word))
            {
                throw Error(what, start);
            }

            words.Add(word);
            Ws();
        }
        while (set && char.IsAsciiLetter(Peek()));

        if (set)
        {
            Expect(')', $"another value ({what}) or ')'");
        }

        return words;
    }

    private EclDialectFilter ParseDialectFilter(bool byId)
    {
        var negated = ParseEquality(byId ? "'=' or '!=' after dialectId" : "'=' or '!=' after dialect");
        var dialects = new List<EclDialect>();
        if (Peek() == '(' && (!byId || IsReferenceSet() || IsDialectIdSetWithAcceptability()))
        {
            _pos++;
            do
            {
                Ws();
                dialects.Add(ParseOneDialect(byId));
                Ws();
                var acceptability = TryAcceptability();
                if (acceptability != EclAcceptability.Any)
                {
                    dialects[^1] = dialects[^1] with { Acceptability = acceptability };
                    Ws();
                }
            }
            while (Peek() != ')' && !AtEnd);

            Expect(')', "another dialect or ')'");
        }
        else
        {
            dialects.Add(byId ? new EclDialect(ParseSub(), null, EclAcceptability.Any) : ParseOneDialect(byId));
        }

        Ws();
        var common = TryAcceptability();
        if (common != EclAcceptability.Any)
        {
            dialects = dialects.Select(d => d.Acceptability == EclAcceptability.Any ? d with { Acceptability = common } : d).ToList();
        }

        return new EclDialectFilter(negated, dialects);
    }

    private bool IsDialectIdSetWithAcceptability()
    {
        var save = _pos;
        _pos++;
        Ws();
        var isId = char.IsAsciiDigit(Peek());
        _pos = save;
        return isId;
    }

    private EclDialect ParseOneDialect(bool byId)
    {
        if (byId)
        {
            return new EclDialect(new EclConceptReference(ParseSctId("a language refset id"), TryTerm()), null, EclAcceptability.Any);
        }

        var start = _pos;
        var alias = ParseWord("a dialect alias (en-us, en-gb...)", allowDashDigits: true);
        EclExpression? refset = DialectAliases.TryGetValue(alias, out var id) ? new EclConceptReference(id, null) : null;
        if (refset is null)
        {
            throw Error($"a known dialect alias ({string.Join(", ", DialectAliases.Keys)}) or dialectId = <language refset id>", start);
        }

        return new EclDialect(refset, alias, EclAcceptability.Any);
    }

    // "(" prefer / accept / concept ids ")" after a dialect.
    private EclAcceptability TryAcceptability()
    {
        if (!TryChar('('))
        {
            return EclAcceptability.Any;
        }

        Ws();
        var result = EclAcceptability.Any;
        while (!AtEnd && Peek() != ')')
        {
            if (TryKeyword("prefer")) result |= EclAcceptability.Preferred;
            else if (TryKeyword("accept")) result |= EclAcceptability.Acceptable;
            else if (char.IsAsciiDigit(Peek()))
            {
                var id = ParseSctId("an acceptability id");
                TryTerm();
                result |= id == PreferredId ? EclAcceptability.Preferred
                    : id == AcceptableId ? EclAcceptability.Acceptable
                    : throw Error($"{PreferredId} |Preferred| or {AcceptableId} |Acceptable|", _pos - 1);
            }
            else
            {
                throw Error("prefer, accept or ')'");
            }

            Ws();
        }

        Expect(')', "')' to close the acceptabilities");
        return result;
    }

    // timeValue / "(" timeValue *(mws timeValue) ")": "yyyymmdd" or "".
    private List<int> ParseTimes()
    {
        var times = new List<int>();
        var set = TryChar('(');
        do
        {
            Ws();
            var start = _pos;
            var text = ParseQuoted();
            if (text.Length == 0)
            {
                times.Add(0);
            }
            else if (text.Length == 8 && DateTime.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture,
                         DateTimeStyles.None, out _))
            {
                times.Add(int.Parse(text, CultureInfo.InvariantCulture));
            }
            else
            {
                throw Error("an effective time \"yyyymmdd\"", start);
            }

            Ws();
        }
        while (set && Peek() == '"');

        if (set)
        {
            Expect(')', "another effective time or ')'");
        }

        return times;
    }
}
