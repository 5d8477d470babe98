namespace TerminologyServer.Engine.Snomed.Ecl;

// Refinements: attribute sets, attribute groups, cardinalities, reverse flags, concrete values.
public sealed partial class EclParser
{
    // Positions of '(' known not to open a nested refinement (they open a bracketed attribute name), so that
    // the one place this grammar needs backtracking never tries the same bracket twice.
    private readonly HashSet<int> _notRefinement = [];

    // eclRefinement = subRefinement ws [conjunctionRefinementSet / disjunctionRefinementSet]
    // eclAttributeSet (inGroup) = subAttributeSet ws [conjunctionAttributeSet / disjunctionAttributeSet]
    private EclRefinement ParseRefinement(bool inGroup = false)
    {
        Enter();
        var first = ParseSubRefinement(inGroup);
        Ws();
        var start = _pos;
        var logic = TryLogic(allowMinus: false);
        if (logic is null)
        {
            if (IsKeyword("MINUS"))
            {
                throw Error("AND, OR or the end of the refinement (MINUS needs brackets around the refined expression)");
            }

            Leave();
            return first;
        }

        var items = new List<EclRefinement> { first };
        while (true)
        {
            Ws();
            items.Add(ParseSubRefinement(inGroup));
            Ws();
            start = _pos;
            var next = TryLogic(allowMinus: false);
            if (next is null)
            {
                break;
            }

            if (next != logic)
            {
                throw MixedLogic(logic.Value, next.Value, start);
            }
        }

        Leave();
        return new EclRefinementSet(logic.Value, items);
    }

    // subRefinement = eclAttributeSet / eclAttributeGroup / "(" ws eclRefinement ws ")"
    private EclRefinement ParseSubRefinement(bool inGroup)
    {
        var start = _pos;
        var cardinality = TryCardinality();
        if (cardinality is not null)
        {
            Ws();
        }

        if (Peek() == '{')
        {
            if (inGroup)
            {
                throw Error("an attribute (attribute groups cannot be nested)");
            }

            _pos++;
            Ws();
            var attributes = ParseRefinement(inGroup: true);
            Ws();
            Expect('}', "'}' to close the attribute group, or AND, OR");
            return new EclAttributeGroup(cardinality, attributes);
        }

        if (cardinality is null && Peek() == '(' && !_notRefinement.Contains(_pos))
        {
            // "(" may open a nested refinement or a bracketed attribute name such as "(<< A OR << B) = C".
            var open = _pos;
            var depth = _depth;
            try
            {
                _pos++;
                Ws();
                var inner = ParseRefinement(inGroup);
                Ws();
                Expect(')', "')'");
                return inner;
            }
            catch (EclSyntaxException first)
            {
                _notRefinement.Add(open);
                _pos = open;
                _depth = depth;
                try
                {
                    return ParseAttribute(null);
                }
                catch (EclSyntaxException second)
                {
                    throw second.Position >= first.Position ? second : first;
                }
            }
        }

        _pos = start;
        if (cardinality is not null)
        {
            TryCardinality();
            Ws();
        }

        return ParseAttribute(cardinality);
    }

    // "[" min ".." max "]"
    private EclCardinality? TryCardinality()
    {
        if (!TryChar('['))
        {
            return null;
        }

        Ws();
        var min = ParseNonNegativeInteger("the minimum of the cardinality [min..max]");
        Ws();
        if (!TryText("..") && !TryKeyword("to"))
        {
            throw Error("'..' in the cardinality [min..max]");
        }

        Ws();
        int? max = null;
        if (!TryChar('*') && !TryKeyword("many"))
        {
            var value = ParseNonNegativeInteger("the maximum of the cardinality (a number or *)");
            if (value < min)
            {
                throw Error($"a maximum of at least the minimum {min}", _pos - 1);
            }

            max = value;
        }

        Ws();
        Expect(']', "']' to close the cardinality");
        return new EclCardinality(min, max);
    }

    // eclAttribute = [cardinality ws] [reverseFlag ws] eclAttributeName ws operator value
    private EclAttribute ParseAttribute(EclCardinality? cardinality)
    {
        var reverse = false;
        if ((Peek() is 'R' or 'r') && !char.IsAsciiLetterOrDigit(Peek(1)))
        {
            reverse = true;
            _pos++;
            Ws();
        }
        else if (TryKeyword("reverseOf"))
        {
            reverse = true;
            Ws();
        }

        if (AtEnd || !(char.IsAsciiDigit(Peek()) || Peek() is '*' or '(' or '<' or '>' or '^' or '!' || char.IsAsciiLetter(Peek())))
        {
            throw Error("an attribute: [cardinality], R (reverse), an attribute name (a concept id, '*', '(' ...), '{' for a group or '('");
        }

        var name = ParseSub();
        Ws();
        var comparison = ParseComparison("a comparison operator (=, !=) after the attribute name");
        Ws();
        EclAttributeValue value;
        if (TryChar('#'))
        {
            value = new EclNumericValue(ParseNumber());
        }
        else if (comparison is not (EclComparison.Equal or EclComparison.NotEqual))
        {
            throw Error("'#' and a number after a numeric comparison operator (<, <=, >, >=)");
        }
        else if (Peek() == '"' || (Peek() == '(' && PeekAfterWs(1) == '"'))
        {
            value = new EclStringValue(ParseStringSet());
        }
        else
        {
            value = ParseBooleanOrSubexpression();
        }

        return new EclAttribute(cardinality, reverse, name, comparison, value);
    }

    private EclComparison ParseComparison(string expected)
    {
        if (TryText("!=")) return EclComparison.NotEqual;
        if (TryText("<=")) return EclComparison.LessOrEqual;
        if (TryText(">=")) return EclComparison.GreaterOrEqual;
        if (TryChar('=')) return EclComparison.Equal;
        if (TryChar('<')) return EclComparison.Less;
        if (TryChar('>')) return EclComparison.Greater;
        throw Error(expected);
    }

    private char PeekAfterWs(int from)
    {
        var save = _pos;
        _pos += from;
        Ws();
        var c = Peek();
        _pos = save;
        return c;
    }

    // concreteString / "(" concreteString *(mws concreteString) ")"
    private List<string> ParseStringSet()
    {
        var values = new List<string>();
        if (!TryChar('('))
        {
            values.Add(ParseQuoted());
            return values;
        }

        Ws();
        do
        {
            values.Add(ParseQuoted());
            Ws();
        }
        while (Peek() == '"');

        Expect(')', "another quoted string or ')'");
        return values;
    }

    // The last choice of an attribute's or a member filter's value: true, false, or a subexpression constraint.
    private EclAttributeValue ParseBooleanOrSubexpression() =>
        TryKeyword("true") ? new EclBooleanValue(true)
        : TryKeyword("false") ? new EclBooleanValue(false)
        : new EclExpressionValue(ParseSub());
}
