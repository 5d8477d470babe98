using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.Cpt;

/// <summary>
/// The CPT filters whose meaning differs from the general property filters: <c>code in</c>/<c>not-in</c> with
/// ranges (<c>20100-69990, 92920</c>), <c>telemedicine</c>/<c>orthopox</c> where a code without the flag counts as
/// false, and <c>kind</c> values checked against the one spelling of each kind. <c>modifier</c> and <c>modified</c>
/// need nothing special: every concept states them.
/// </summary>
internal static class CptFilters
{
    public static CompiledFilter? Compile(CodeSystemIndex cs, CptRules rules, string property, string op, string value)
    {
        if ((property is "code" or "concept") && op is FilterOperators.In or FilterOperators.NotIn && !cs.PropertyByCode.ContainsKey(property))
        {
            var ranges = CodeRanges.Parse(value);
            return op == FilterOperators.In ? new(c => ranges.Contains(c.Code)) : new(c => !ranges.Contains(c.Code));
        }

        if (rules.Flags.Contains(property) && op == FilterOperators.Equal)
        {
            var wanted = value switch
            {
                "true" => true,
                "false" => false,
                _ => throw TerminologyException.Invalid("FILTER_VALUE_TYPE", $"The value '{value}' of the filter '{property} {op}' is not a valid boolean (true or false)."),
            };
            return new(c => HasFlag(c, property) == wanted);
        }

        if (property == CptBehaviour.Kind && op is FilterOperators.Equal or FilterOperators.In or FilterOperators.NotIn)
        {
            var values = op == FilterOperators.Equal ? [value] : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (values.FirstOrDefault(v => !rules.Kinds.Contains(v)) is { } unknown)
            {
                throw TerminologyException.Invalid(
                    "CPT_KIND_UNKNOWN",
                    $"'{unknown}' is not a CPT kind; the kinds are {string.Join(", ", rules.Kinds)}.");
            }
        }

        return null;
    }

    private static bool HasFlag(Concept c, string flag)
    {
        foreach (var p in c.Properties)
        {
            if (p.Code == flag && p.IsTrue)
            {
                return true;
            }
        }

        return false;
    }
}
