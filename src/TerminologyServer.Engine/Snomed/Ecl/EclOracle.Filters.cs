using System.Globalization;

namespace TerminologyServer.Engine.Snomed.Ecl;

// Description filters, concept filters and member filters, checked on one concept or one refset member.
internal abstract partial class EclOracle
{
    /// <summary>Whether a filtered wildcard asks about inactive concepts (<c>* {{ C active = ... }}</c>).</summary>
    protected static bool IsWildcardWithActiveFilter(EclFiltered f) =>
        f.Operand is EclWildcard && f.Filters.Any(b => b is EclConceptFilters && b.Filters.Any(x => x is EclActiveFilter));

    /// <summary>Whether the concept passes one <c>{{ }}</c> block of description or concept filters.</summary>
    public bool Passes(EclFilterConstraint block, int concept)
    {
        if (block is EclConceptFilters)
        {
            var facts = Data.Facts(concept);
            foreach (var filter in block.Filters)
            {
                if (!PassesConcept(filter, facts))
                {
                    return false;
                }
            }

            return true;
        }

        // Description filters: one description must pass every filter of the block; only active descriptions
        // count unless the block says otherwise with an active filter.
        var descriptions = Data.Descriptions(concept);
        Budget.Charge(descriptions.Length + 1);
        var hasActive = block.Filters.Any(f => f is EclActiveFilter);
        foreach (var d in descriptions)
        {
            if (!hasActive && !d.Active)
            {
                continue;
            }

            var all = true;
            foreach (var filter in block.Filters)
            {
                if (!PassesDescription(filter, d))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private bool PassesConcept(EclFilter filter, SnomedConceptFacts facts) => filter switch
    {
        EclDefinitionStatusFilter f =>
            ContainsId(f.Statuses, facts.Primitive ? EclParser.Primitive : EclParser.Defined) != f.Negated,
        EclModuleFilter f => ContainsId(f.Modules, facts.ModuleId) != f.Negated,
        EclEffectiveTimeFilter f => PassesTime(f.Comparison, f.Times, facts.EffectiveTime),
        EclActiveFilter f => facts.Active == f.Active,
        _ => throw new EclSemanticException($"The filter {Describe(filter)} does not apply to concepts ({{{{ C ... }}}})"),
    };

    private bool PassesDescription(EclFilter filter, SnomedDescription d) => filter switch
    {
        EclTermFilter f => f.Terms.Any(t => EclTerms.Matches(t, d.Term)) != f.Negated,
        EclLanguageFilter f => f.Codes.Any(c => string.Equals(c, d.LanguageCode, StringComparison.OrdinalIgnoreCase)) != f.Negated,
        EclTypeFilter f => Contains(f.Types, d.Type) != f.Negated,
        EclDialectFilter f => f.Dialects.Any(dialect => InDialect(dialect, d)) != f.Negated,
        EclModuleFilter f => ContainsId(f.Modules, d.ModuleId) != f.Negated,
        EclEffectiveTimeFilter f => PassesTime(f.Comparison, f.Times, d.EffectiveTime),
        EclActiveFilter f => d.Active == f.Active,
        EclDescriptionIdFilter f => f.Ids.Contains(d.Id) != f.Negated,
        _ => throw new EclSemanticException($"The filter {Describe(filter)} does not apply to descriptions"),
    };

    private bool InDialect(EclDialect dialect, SnomedDescription d)
    {
        foreach (var a in d.Acceptability)
        {
            if (!ContainsId(dialect.LanguageRefsets, a.LanguageRefsetId))
            {
                continue;
            }

            var wanted = dialect.Acceptability;
            if (wanted == EclAcceptability.Any
                || (a.Preferred && wanted.HasFlag(EclAcceptability.Preferred))
                || (!a.Preferred && wanted.HasFlag(EclAcceptability.Acceptable)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool PassesTime(EclComparison comparison, IReadOnlyList<int> times, int value) =>
        comparison == EclComparison.NotEqual
            ? !times.Contains(value)
            : times.Any(t => Compare(value.CompareTo(t), comparison));

    /// <summary>Whether a refset member passes every member filter block (active members only, unless a block asks).</summary>
    public bool Passes(IReadOnlyList<EclMemberFilters> blocks, SnomedRefsetMember member, IReadOnlyList<string> fields)
    {
        var activeAsked = false;
        foreach (var block in blocks)
        {
            foreach (var filter in block.Filters)
            {
                activeAsked |= filter is EclActiveFilter;
                if (!PassesMember(filter, member, fields))
                {
                    return false;
                }
            }
        }

        return activeAsked || member.Active;
    }

    private bool PassesMember(EclFilter filter, SnomedRefsetMember member, IReadOnlyList<string> fields)
    {
        switch (filter)
        {
            case EclModuleFilter f:
                return ContainsId(f.Modules, member.ModuleId) != f.Negated;
            case EclEffectiveTimeFilter f:
                return PassesTime(f.Comparison, f.Times, member.EffectiveTime);
            case EclActiveFilter f:
                return member.Active == f.Active;
            case EclMemberFieldFilter f:
                var value = FieldValue(f.Field, member, fields);
                return value is not null && PassesField(f, value);
            default:
                throw new EclSemanticException($"The filter {Describe(filter)} does not apply to refset members ({{{{ M ... }}}})");
        }
    }

    /// <summary>The value of a member's field by its RF2 column name; null when the refset has no such column.</summary>
    internal static string? FieldValue(string field, SnomedRefsetMember member, IReadOnlyList<string> fields)
    {
        if (field.Equals("referencedComponentId", StringComparison.OrdinalIgnoreCase))
        {
            return member.ReferencedComponentId.ToString(CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < fields.Count && i < member.Fields.Count; i++)
        {
            if (fields[i].Equals(field, StringComparison.OrdinalIgnoreCase))
            {
                return member.Fields[i];
            }
        }

        return field.ToLowerInvariant() switch
        {
            "id" => member.Id,
            "moduleid" => member.ModuleId.ToString(CultureInfo.InvariantCulture),
            "effectivetime" => member.EffectiveTime.ToString(CultureInfo.InvariantCulture),
            "active" => member.Active ? "1" : "0",
            _ => null,
        };
    }

    private bool PassesField(EclMemberFieldFilter f, string value)
    {
        var negated = f.Comparison == EclComparison.NotEqual;
        switch (f.Value)
        {
            case EclExpressionValue e:
                return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && ContainsId(e.Expression, id) != negated;
            case EclNumericValue n:
                return decimal.TryParse(value.TrimStart('#'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    && Compare(number.CompareTo(n.Value), f.Comparison);
            case EclTermValue t:
                return t.Terms.Any(term => EclTerms.Matches(term, value)) != negated;
            case EclBooleanValue b:
                var flag = value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase);
                var known = flag || value is "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase);
                return known && (flag == b.Value) != negated;
            case EclTimeValue time:
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t2)
                    && PassesTime(f.Comparison, time.Times, t2);
            default:
                return false;
        }
    }

    private static string Describe(EclFilter filter) => filter.GetType().Name.Replace("Ecl", "").Replace("Filter", "");
}
