using System.Globalization;

namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// What refinements and filters need to check one concept: whether a concept is in the set of a nested
/// expression. The set evaluator answers from bit sets it computed once; the single-concept matcher answers by
/// walking from the concept, so <c>$validate-code</c> never builds the whole set.
/// </summary>
internal abstract partial class EclOracle(ISnomedData data, EclBudget budget)
{
    internal const long IsA = 116680003;

    public ISnomedData Data { get; } = data;

    public EclBudget Budget { get; } = budget;

    private int _isA = int.MinValue;

    /// <summary>Position of IS-A in this edition, or -1.</summary>
    protected int IsAPosition => _isA == int.MinValue ? _isA = Data.IndexOf(IsA) : _isA;

    /// <summary>The relationships a refinement looks at; the matcher overrides it for a post-coordinated expression.</summary>
    protected virtual ReadOnlySpan<SnomedRelationship> OutboundOf(int concept) => Data.Outbound(concept);

    /// <summary>The relationships a reverse attribute looks at.</summary>
    protected virtual ReadOnlySpan<SnomedRelationship> InboundOf(int concept) => Data.Inbound(concept);

    internal const long Root = 138875005;

    private int _root = int.MinValue;

    /// <summary>Position of the root concept 138875005, or -1 when the edition does not hold it.</summary>
    protected int RootPosition => _root == int.MinValue ? _root = Data.IndexOf(Root) : _root;

    /// <summary>
    /// Whether the wildcard <c>*</c> selects the concept: the active concepts of the hierarchy under 138875005
    /// (every active concept of a complete edition; a subset's orphans such as module concepts without parents are
    /// left out), or every active concept when the edition has no root. Inactive concepts only with a concept
    /// filter on <c>active</c>.
    /// </summary>
    protected bool InWildcard(int concept)
    {
        if (!Data.Facts(concept).Active)
        {
            return false;
        }

        var root = RootPosition;
        if (root < 0 || concept == root)
        {
            return true;
        }

        return AnyProperAncestor(concept, parent => parent == root);
    }

    /// <summary>Whether any proper ancestor of <paramref name="concept"/> passes <paramref name="test"/>; each step is charged to the budget.</summary>
    protected bool AnyProperAncestor(int concept, Func<int, bool> test)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(concept);
        while (stack.Count > 0)
        {
            var parents = Data.Parents(stack.Pop());
            Budget.Charge(parents.Length + 1);
            foreach (var parent in parents)
            {
                if (!seen.Add(parent))
                {
                    continue;
                }

                if (test(parent))
                {
                    return true;
                }

                stack.Push(parent);
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="concept"/> (a position, -1 for none) is in the set of <paramref name="expression"/>.</summary>
    public abstract bool Contains(EclExpression expression, int concept);

    /// <summary>Whether the concept with this SCTID is in the set of <paramref name="expression"/>.</summary>
    public bool ContainsId(EclExpression expression, long conceptId)
    {
        // Metadata ids (definition status, modules, dialects) are compared as ids: an edition need not hold them.
        switch (expression)
        {
            case EclConceptReference r:
                return r.ConceptId == conceptId;
            case EclCompound { Logic: EclLogic.Or } c when c.Operands.All(o => o is EclConceptReference):
                return c.Operands.Any(o => ((EclConceptReference)o).ConceptId == conceptId);
        }

        var position = Data.IndexOf(conceptId);
        return position >= 0 && Contains(expression, position);
    }

    /// <summary>Whether <paramref name="concept"/> satisfies <paramref name="refinement"/> (in <paramref name="group"/> when set).</summary>
    public bool Satisfies(EclRefinement refinement, int concept, int? group = null)
    {
        switch (refinement)
        {
            case EclRefinementSet set when set.Logic == EclLogic.Or:
                foreach (var item in set.Items)
                {
                    if (Satisfies(item, concept, group))
                    {
                        return true;
                    }
                }

                return false;
            case EclRefinementSet set:
                foreach (var item in set.Items)
                {
                    if (!Satisfies(item, concept, group))
                    {
                        return false;
                    }
                }

                return true;
            case EclAttributeGroup g:
                return InRange(CountGroups(g, concept), g.Cardinality);
            case EclAttribute a:
                return InRange(CountMatches(a, concept, group), a.Cardinality);
            default:
                throw new InvalidOperationException("Unknown refinement " + refinement.GetType().Name);
        }
    }

    private static bool InRange(int count, EclCardinality? cardinality)
    {
        var min = cardinality?.Min ?? 1;
        var max = cardinality is null ? int.MaxValue : cardinality.Max ?? int.MaxValue;
        return count >= min && count <= max;
    }

    // The relationship groups of the concept in which the group's attributes all hold. An ungrouped relationship
    // (group 0) is a group of its own, as SNOMED CT's concept model reads self-grouped attributes.
    private int CountGroups(EclAttributeGroup g, int concept)
    {
        var outbound = OutboundOf(concept);
        Budget.Charge(outbound.Length + 1);
        var count = 0;
        for (var i = 0; i < outbound.Length; i++)
        {
            var group = outbound[i].Group;
            if (group == 0)
            {
                // Ungrouped: each relationship alone, encoded as the negative group -1 - i.
                if (Satisfies(g.Attributes, concept, -1 - i))
                {
                    count++;
                }

                continue;
            }

            // Each group once: at its first relationship (outbound is short, so a backward scan beats a set).
            var first = true;
            for (var j = 0; j < i && first; j++)
            {
                first = outbound[j].Group != group;
            }

            if (first && Satisfies(g.Attributes, concept, group))
            {
                count++;
            }
        }

        return count;
    }

    // How many relationships of the concept (within the group, if one is given) match the attribute. The same type
    // and value in two groups counts twice, as other terminology servers count (the sct-ecl cases rely on it).
    private int CountMatches(EclAttribute a, int concept, int? group)
    {
        var relationships = a.Reverse ? InboundOf(concept) : OutboundOf(concept);
        Budget.Charge(relationships.Length + 1);
        var wildcardName = a.Name is EclWildcard;
        var count = 0;
        for (var i = 0; i < relationships.Length; i++)
        {
            var r = relationships[i];
            if (group is { } g && (g >= 0 ? r.Group != g : (r.Group != 0 || i != -1 - g)))
            {
                continue;
            }

            if (wildcardName ? r.Type == IsAPosition : !Contains(a.Name, r.Type))
            {
                continue;
            }

            if (!ValueMatches(a, a.Reverse ? r.Source : r.Destination, r.ConcreteValue))
            {
                continue;
            }

            count++;
        }

        return count;
    }

    private bool ValueMatches(EclAttribute a, int target, string? concrete)
    {
        var negated = a.Comparison == EclComparison.NotEqual;
        switch (a.Value)
        {
            case EclExpressionValue e:
                return target >= 0 && Contains(e.Expression, target) != negated;
            case EclNumericValue n:
                return concrete is ['#', ..] && decimal.TryParse(concrete.AsSpan(1), NumberStyles.Float,
                    CultureInfo.InvariantCulture, out var number) && Compare(number.CompareTo(n.Value), a.Comparison);
            case EclStringValue s:
                return concrete is ['"', .., '"'] && s.Values.Contains(concrete[1..^1], StringComparer.Ordinal) != negated;
            case EclBooleanValue b:
                return concrete is not null && bool.TryParse(concrete, out var flag) && (flag == b.Value) != negated;
            default:
                return false;
        }
    }

    /// <summary>Whether a comparison result (<c>x.CompareTo(y)</c>) satisfies the operator.</summary>
    internal static bool Compare(int order, EclComparison comparison) => comparison switch
    {
        EclComparison.Equal => order == 0,
        EclComparison.NotEqual => order != 0,
        EclComparison.Less => order < 0,
        EclComparison.LessOrEqual => order <= 0,
        EclComparison.Greater => order > 0,
        _ => order >= 0,
    };
}
