namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// Parses SNOMED CT Expression Constraint Language 2.x (brief and long syntax) into an immutable
/// <see cref="EclExpression"/>, following the ABNF of SNOMED International's ECL specification
/// (https://docs.snomed.org/snomed-ct-specifications/snomed-ct-expression-constraint-language). A recursive
/// descent parser over the characters, bounded by <see cref="EclLimits.MaxDepth"/>.
/// </summary>
public sealed partial class EclParser
{
    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="EclSyntaxException"/> saying at which character it breaks and
    /// what was expected. Mixing AND and OR (or MINUS) without brackets is an error, as in the specification.
    /// </summary>
    public static EclExpression Parse(string text, EclLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= EclLimits.Default;
        if (text.Length > limits.MaxLength)
        {
            throw new EclSyntaxException(text[..Math.Min(text.Length, 200)] + "...", limits.MaxLength + 1,
                $"an expression of at most {limits.MaxLength} characters", "a longer one");
        }

        var parser = new EclParser(text, limits);
        parser.Ws();
        if (parser.AtEnd)
        {
            throw parser.Error("an expression constraint");
        }

        var expression = parser.ParseExpressionConstraint();
        parser.Ws();
        if (!parser.AtEnd)
        {
            throw parser.Error(parser.Peek() == ')' ? "the end of the expression (this ')' closes nothing)"
                : "AND, OR, MINUS, ':', '.' or the end of the expression");
        }

        return expression;
    }

    // expressionConstraint = ws ( refined / compound / dotted / sub ) ws
    private EclExpression ParseExpressionConstraint()
    {
        Enter();
        var first = ParseSub();
        Ws();
        EclExpression result;
        if (TryChar(':'))
        {
            Ws();
            result = new EclRefined(first, ParseRefinement());
        }
        else if (Peek() == '.' && Peek(1) != '.')
        {
            var attributes = new List<EclExpression>();
            while (TryChar('.'))
            {
                Ws();
                attributes.Add(ParseSub());
                Ws();
            }

            result = new EclDotted(first, attributes);
        }
        else if (TryLogic() is { } logic)
        {
            var operands = new List<EclExpression> { first };
            while (true)
            {
                Ws();
                operands.Add(ParseSub());
                Ws();
                var start = _pos;
                var next = TryLogic();
                if (next is null)
                {
                    break;
                }

                if (next != logic || logic == EclLogic.Minus)
                {
                    throw MixedLogic(logic, next.Value, start);
                }
            }

            result = new EclCompound(logic, operands);
        }
        else
        {
            result = first;
        }

        Leave();
        return result;
    }

    private EclSyntaxException MixedLogic(EclLogic first, EclLogic next, int at) =>
        Error(first == EclLogic.Minus && next == EclLogic.Minus
            ? "brackets around one of the MINUS operations (MINUS takes exactly two operands)"
            : $"brackets to say whether {Name(first)} or {Name(next)} comes first ({Name(first)} and {Name(next)} cannot be mixed without brackets)",
            at);

    private static string Name(EclLogic logic) => logic switch
    {
        EclLogic.And => "AND",
        EclLogic.Or => "OR",
        _ => "MINUS",
    };

    /// <summary>AND / <c>,</c> / OR / MINUS (MINUS only where <paramref name="allowMinus"/>).</summary>
    private EclLogic? TryLogic(bool allowMinus = true)
    {
        if (TryChar(','))
        {
            return EclLogic.And;
        }

        if (TryKeyword("AND"))
        {
            return EclLogic.And;
        }

        if (TryKeyword("OR"))
        {
            return EclLogic.Or;
        }

        if (allowMinus && TryKeyword("MINUS"))
        {
            return EclLogic.Minus;
        }

        return null;
    }

    // subExpressionConstraint = [constraintOperator ws] ( [memberOf ws] focus *(ws memberFilter) / focus )
    //                           *(ws (descriptionFilter / conceptFilter)) [ws historySupplement]
    private EclExpression ParseSub()
    {
        Enter();
        var op = TryHierarchyOperator();
        if (op is not null)
        {
            Ws();
        }

        EclExpression focus;
        if (TryChar('^') || TryKeyword("memberOf"))
        {
            Ws();
            IReadOnlyList<string>? fields = null;
            if (TryChar('['))
            {
                fields = ParseFieldNames();
                Ws();
            }

            var refsets = ParseFocus("a refset: a concept id, '*' or '('");
            var memberFilters = new List<EclMemberFilters>();
            while (PeekFilterKind() == 'M')
            {
                memberFilters.Add(ParseMemberFilters());
            }

            focus = new EclMemberOf(refsets, fields, memberFilters);
        }
        else
        {
            focus = ParseFocus(op is null
                ? "an expression constraint: a concept id, '*', '^', '(' or a hierarchy operator (<, <<, >, >>, <!, >!...)"
                : "a concept id, '*', '^' or '(' after the hierarchy operator");
        }

        var result = op is null ? focus : new EclHierarchy(op.Value, focus);
        var filters = new List<EclFilterConstraint>();
        while (true)
        {
            var kind = PeekFilterKind();
            if (kind == 'M')
            {
                Ws();
                throw Error("a member filter {{ M ... }} only right after '^ refset'");
            }

            if (kind is 'C' or 'D')
            {
                filters.Add(kind == 'C' ? ParseConceptFilters() : ParseDescriptionFilters());
                continue;
            }

            if (filters.Count > 0)
            {
                result = new EclFiltered(result, filters);
            }

            if (kind == '+')
            {
                result = ParseHistorySupplement(result);
            }

            break;
        }

        Leave();
        return result;
    }

    private EclHierarchyOperator? TryHierarchyOperator()
    {
        // Longest operators first: "<<!" before "<<" before "<!" before "<".
        if (TryText("<<!")) return EclHierarchyOperator.ChildOrSelfOf;
        if (TryText("<<")) return EclHierarchyOperator.DescendantOrSelfOf;
        if (TryText("<!")) return EclHierarchyOperator.ChildOf;
        if (TryText("<")) return EclHierarchyOperator.DescendantOf;
        if (TryText(">>!")) return EclHierarchyOperator.ParentOrSelfOf;
        if (TryText(">>")) return EclHierarchyOperator.AncestorOrSelfOf;
        if (TryText(">!")) return EclHierarchyOperator.ParentOf;
        if (TryText(">")) return EclHierarchyOperator.AncestorOf;
        if (TryText("!!>")) return EclHierarchyOperator.Top;
        if (TryText("!!<")) return EclHierarchyOperator.Bottom;
        // The long syntax spells the operators out (descendantOrSelfOf 404684003).
        foreach (var (keyword, op) in LongOperators)
        {
            if (TryKeyword(keyword))
            {
                return op;
            }
        }

        return null;
    }

    private static readonly (string Keyword, EclHierarchyOperator Operator)[] LongOperators =
    [
        ("descendantOf", EclHierarchyOperator.DescendantOf), ("descendantOrSelfOf", EclHierarchyOperator.DescendantOrSelfOf),
        ("childOf", EclHierarchyOperator.ChildOf), ("childOrSelfOf", EclHierarchyOperator.ChildOrSelfOf),
        ("ancestorOf", EclHierarchyOperator.AncestorOf), ("ancestorOrSelfOf", EclHierarchyOperator.AncestorOrSelfOf),
        ("parentOf", EclHierarchyOperator.ParentOf), ("parentOrSelfOf", EclHierarchyOperator.ParentOrSelfOf),
    ];

    // focus = conceptReference / "*" / "(" expressionConstraint ")"
    private EclExpression ParseFocus(string expected)
    {
        if (TryChar('*') || TryKeyword("ANY"))
        {
            return new EclWildcard();
        }

        if (TryChar('('))
        {
            var open = _pos - 1;
            Ws();
            if (TryChar(')'))
            {
                throw Error("an expression constraint inside the brackets", _pos - 1);
            }

            var inner = ParseExpressionConstraint();
            Ws();
            if (!TryChar(')'))
            {
                throw Error($"')' to close the '(' at character {open + 1}, or AND, OR, MINUS, ':', '.'");
            }

            return inner;
        }

        if (char.IsAsciiDigit(Peek()))
        {
            var id = ParseSctId();
            return new EclConceptReference(id, TryTerm());
        }

        if (IsAlternateIdentifier())
        {
            throw Error("a SNOMED CT concept id (alternate identifiers such as 'LOINC#1234-5' are not supported)");
        }

        throw Error(expected);
    }

    // An alternate identifier is a scheme alias, '#', a code ("LOINC#54486-6" or "\"LOINC#...\"").
    private bool IsAlternateIdentifier()
    {
        var i = _pos;
        if (i < _s.Length && _s[i] == '"')
        {
            i++;
        }

        var start = i;
        while (i < _s.Length && (char.IsAsciiLetterOrDigit(_s[i]) || _s[i] == '-'))
        {
            i++;
        }

        return i > start && char.IsAsciiLetter(_s[start]) && i < _s.Length && _s[i] == '#';
    }

    // "^ [ field, field ]" or "^ [*]": the fields of the refset members to return.
    private IReadOnlyList<string> ParseFieldNames()
    {
        Ws();
        var fields = new List<string>();
        if (TryChar('*'))
        {
            fields.Add("*");
        }
        else
        {
            do
            {
                Ws();
                fields.Add(ParseWord("a refset field name (referencedComponentId, targetComponentId, ...)"));
                Ws();
            }
            while (TryChar(','));
        }

        Ws();
        Expect(']', "',' or ']' after the refset field names");
        return fields;
    }

    // historySupplement = "{{" ws "+" ws "HISTORY" [ "-MIN" / "-MOD" / "-MAX" / ws "(" expressionConstraint ")" ] ws "}}"
    private EclExpression ParseHistorySupplement(EclExpression operand)
    {
        Ws();
        TryText("{{");
        Ws();
        TryChar('+');
        Ws();
        if (!IsKeyword("HISTORY") && !(IsKeywordPrefix("HISTORY") && Peek(7) is '-' or '_'))
        {
            throw Error("HISTORY after '{{ +'");
        }

        _pos += 7;
        var profile = EclHistoryProfile.Maximum;
        EclExpression? refsets = null;
        if (Peek() is '-' or '_')
        {
            _pos++;
            if (TryKeyword("MIN")) profile = EclHistoryProfile.Minimum;
            else if (TryKeyword("MOD")) profile = EclHistoryProfile.Moderate;
            else if (TryKeyword("MAX")) profile = EclHistoryProfile.Maximum;
            else throw Error("MIN, MOD or MAX after 'HISTORY-'");
        }
        else
        {
            Ws();
            if (TryChar('('))
            {
                Ws();
                refsets = ParseExpressionConstraint();
                Ws();
                Expect(')', "')' after the history refsets");
                profile = EclHistoryProfile.Custom;
            }
        }

        Ws();
        if (!TryText("}}"))
        {
            throw Error("'}}' to close the history supplement");
        }

        return new EclHistorySupplement(operand, profile, refsets);
    }

    private bool IsKeywordPrefix(string keyword) =>
        _pos + keyword.Length <= _s.Length
        && string.Compare(_s, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
