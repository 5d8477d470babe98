using System.Globalization;

namespace TerminologyServer.Engine.Snomed.Ecl;

// Description, concept and member filters: {{ D ... }}, {{ C ... }}, {{ M ... }}.
public sealed partial class EclParser
{
    internal const long Fsn = 900000000000003001, Synonym = 900000000000013009, Definition = 900000000000550004;
    internal const long Primitive = 900000000000074008, Defined = 900000000000073002;
    internal const long PreferredId = 900000000000548007, AcceptableId = 900000000000549004;

    /// <summary>Dialect aliases of the ECL specification's table that name one language refset.</summary>
    internal static readonly IReadOnlyDictionary<string, long> DialectAliases =
        new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
        {
            ["en-us"] = 900000000000509007,
            ["en-gb"] = 900000000000508004,
            ["en-au"] = 32570271000036106,
            ["en-nz"] = 271000210107,
            ["es"] = 450828004,
            ["nl-nl"] = 31000146106,
            ["sv-se"] = 46011000052107,
        };

    /// <summary>
    /// After white space, what the next <c>{{</c> opens: 'M', 'C', 'D' (a description filter, with or without D),
    /// '+' (a history supplement), or '\0' when no filter follows. Does not move.
    /// </summary>
    private char PeekFilterKind()
    {
        var save = _pos;
        Ws();
        var kind = '\0';
        if (TryText("{{"))
        {
            Ws();
            kind = Peek() == '+' ? '+' : IsKeyword("M") ? 'M' : IsKeyword("C") ? 'C' : 'D';
        }

        _pos = save;
        return kind;
    }

    private EclMemberFilters ParseMemberFilters() => new(ParseFilterBlock('M', ParseMemberFilter));

    private EclConceptFilters ParseConceptFilters() => new(ParseFilterBlock('C', ParseConceptFilter));

    private EclDescriptionFilters ParseDescriptionFilters() => new(ParseFilterBlock('D', ParseDescriptionFilter));

    private List<EclFilter> ParseFilterBlock(char kind, Func<EclFilter> parseOne)
    {
        Enter();
        Ws();
        TryText("{{");
        Ws();
        if (IsKeyword(kind.ToString()))
        {
            _pos++;
        }

        var filters = new List<EclFilter>();
        do
        {
            Ws();
            filters.Add(parseOne());
            Ws();
        }
        while (TryChar(','));

        if (!TryText("}}"))
        {
            throw Error("',' and another filter, or '}}' to close the filter");
        }

        Leave();
        return filters;
    }

    private EclFilter ParseDescriptionFilter()
    {
        if (TryKeyword("term"))
        {
            var negated = ParseEquality("'=' or '!=' after term");
            return new EclTermFilter(negated, ParseSearchTerms());
        }

        if (TryKeyword("language"))
        {
            var negated = ParseEquality("'=' or '!=' after language");
            return new EclLanguageFilter(negated, ParseWordSet("a two-letter language code", w => w.Length == 2));
        }

        if (TryKeyword("typeId"))
        {
            return new EclTypeFilter(ParseEquality("'=' or '!=' after typeId"), ParseConceptSelector());
        }

        if (TryKeyword("type"))
        {
            var negated = ParseEquality("'=' or '!=' after type");
            var tokens = ParseWordSet("syn, fsn or def", w => TypeToken(w) != 0);
            return new EclTypeFilter(negated, AnyOf(tokens.Select(TypeToken)));
        }

        if (TryKeyword("dialectId") || TryKeyword("dialect"))
        {
            return ParseDialectFilter(byId: string.Compare(_s, _pos - 2, "Id", 0, 2, StringComparison.OrdinalIgnoreCase) == 0);
        }

        if (TryKeyword("id"))
        {
            var negated = ParseEquality("'=' or '!=' after id");
            var ids = new List<long>();
            if (TryChar('('))
            {
                do
                {
                    Ws();
                    ids.Add(ParseSctId("a description id", partition: '1'));
                    Ws();
                }
                while (char.IsAsciiDigit(Peek()));

                Expect(')', "another description id or ')'");
            }
            else
            {
                ids.Add(ParseSctId("a description id", partition: '1'));
            }

            return new EclDescriptionIdFilter(negated, ids);
        }

        return ParseCommonFilter("a description filter: term, language, type, typeId, dialect, dialectId, moduleId, effectiveTime, active or id");
    }

    private EclFilter ParseConceptFilter()
    {
        if (TryKeyword("definitionStatusId"))
        {
            return new EclDefinitionStatusFilter(ParseEquality("'=' or '!=' after definitionStatusId"), ParseConceptSelector());
        }

        if (TryKeyword("definitionStatus"))
        {
            var negated = ParseEquality("'=' or '!=' after definitionStatus");
            var tokens = ParseWordSet("primitive or defined", w => StatusToken(w) != 0);
            return new EclDefinitionStatusFilter(negated, AnyOf(tokens.Select(StatusToken)));
        }

        return ParseCommonFilter("a concept filter: definitionStatus, definitionStatusId, moduleId, effectiveTime or active");
    }

    private EclFilter ParseMemberFilter()
    {
        if (IsKeyword("moduleId") || IsKeyword("effectiveTime") || IsKeyword("active"))
        {
            return ParseCommonFilter("");
        }

        var field = ParseWord("a member filter: moduleId, effectiveTime, active or a refset field name (mapTarget, targetComponentId...)");
        Ws();
        var comparison = ParseComparison($"a comparison operator after the field name {field}");
        Ws();
        EclAttributeValue value;
        if (TryChar('#'))
        {
            value = new EclNumericValue(ParseNumber());
        }
        else if (comparison is not (EclComparison.Equal or EclComparison.NotEqual))
        {
            value = Peek() is '"' or '(' ? new EclTimeValue(ParseTimes())
                : throw Error("'#' and a number, or a quoted effective time, after a comparison operator (<, <=, >, >=)");
        }
        else if (Peek() == '"' || IsKeyword("match") || IsKeyword("wild") || (Peek() == '(' && PeekSearchTermSet()))
        {
            value = new EclTermValue(ParseSearchTerms());
        }
        else
        {
            value = ParseBooleanOrSubexpression();
        }

        return new EclMemberFieldFilter(field, comparison, value);
    }

    // moduleId, effectiveTime and active: the same in description, concept and member filters.
    private EclFilter ParseCommonFilter(string expected)
    {
        if (TryKeyword("moduleId"))
        {
            return new EclModuleFilter(ParseEquality("'=' or '!=' after moduleId"), ParseConceptSelector());
        }

        if (TryKeyword("effectiveTime"))
        {
            Ws();
            var comparison = ParseComparison("a comparison operator (=, !=, <, <=, >, >=) after effectiveTime");
            Ws();
            return new EclEffectiveTimeFilter(comparison, ParseTimes());
        }

        if (TryKeyword("active"))
        {
            var negated = ParseEquality("'=' or '!=' after active");
            bool value;
            if (TryKeyword("true") || TryKeyword("1")) value = true;
            else if (TryKeyword("false") || TryKeyword("0")) value = false;
            else throw Error("true, false, 1 or 0 after active =");
            return new EclActiveFilter(value != negated);
        }

        throw Error(expected);
    }

    private bool ParseEquality(string expected)
    {
        Ws();
        bool negated;
        if (TryText("!=")) negated = true;
        else if (TryChar('=')) negated = false;
        else throw Error(expected);
        Ws();
        return negated;
    }

    // A typed search term or a bracketed set of them: "heart att", match:"heart", wild:"*itis", ( ... ).
    private List<EclSearchTerm> ParseSearchTerms()
    {
        var terms = new List<EclSearchTerm>();
        if (TryChar('('))
        {
            do
            {
                Ws();
                terms.Add(ParseSearchTerm());
                Ws();
            }
            while (Peek() != ')' && !AtEnd);

            Expect(')', "another search term or ')'");
        }
        else
        {
            terms.Add(ParseSearchTerm());
        }

        return terms;
    }

    private EclSearchTerm ParseSearchTerm()
    {
        var match = EclTermMatch.Match;
        var typed = true;
        if (TryKeyword("wild"))
        {
            match = EclTermMatch.Wild;
        }
        else if (!TryKeyword("match"))
        {
            typed = false;
        }

        if (typed)
        {
            Ws();
            Expect(':', "':' after match or wild");
            Ws();
        }

        if (Peek() != '"')
        {
            throw Error("a quoted search term (\"...\", match:\"...\" or wild:\"...\")");
        }

        var start = _pos;
        var text = ParseQuoted(keepStarEscape: match == EclTermMatch.Wild);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error("a search term that is not empty", start);
        }

        return new EclSearchTerm(match, match == EclTermMatch.Match ? text.Trim() : text);
    }

    private bool PeekSearchTermSet()
    {
        var c = PeekAfterWs(1);
        return c == '"' || char.IsAsciiLetter(c);
    }
}
