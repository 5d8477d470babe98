namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// Answers "is this one concept in the set?" by walking from the concept: up the IS-A graph for descendant and
/// child operators, through its own relationships for refinements, its descriptions for filters. Parts that can
/// only be answered from the whole set are handed to a set evaluation (sharing the same budget and cache).
/// </summary>
internal sealed class EclMatcher : EclOracle
{
    /// <summary>The position that stands for the post-coordinated expression being matched.</summary>
    public const int Expression = -2;

    private readonly EclEvaluation _sets;
    private readonly int[] _focus = [];
    private readonly SnomedRelationship[] _relationships = [];

    public EclMatcher(ISnomedData data, EclBudget budget)
        : base(data, budget)
    {
        _sets = new EclEvaluation(data, budget);
    }

    /// <summary>
    /// A matcher for a post-coordinated expression (focus concepts and refinement relationships): its relationships
    /// are IS-A to each focus concept, the focus concepts' own attributes (inherited, in groups of their own) and
    /// the refinement's.
    /// </summary>
    public EclMatcher(ISnomedData data, EclBudget budget, IReadOnlyList<int> focus, IReadOnlyList<SnomedRelationship> refinement)
        : this(data, budget)
    {
        _focus = [.. focus];
        var relationships = new List<SnomedRelationship>();
        var isA = IsAPosition;
        foreach (var f in _focus)
        {
            if (isA >= 0)
            {
                relationships.Add(new SnomedRelationship(Expression, isA, f, null, 0));
            }
        }

        var offset = refinement.Count == 0 ? 0 : refinement.Max(r => r.Group) + 1;
        foreach (var f in _focus)
        {
            foreach (var r in data.Outbound(f))
            {
                if (r.Type != isA)
                {
                    relationships.Add(r with { Source = Expression, Group = r.Group == 0 ? 0 : r.Group + offset });
                }
            }

            offset += 1 + data.Outbound(f).ToArray().Select(r => r.Group).DefaultIfEmpty(0).Max();
        }

        relationships.AddRange(refinement.Select(r => r with { Source = Expression }));
        _relationships = [.. relationships.OrderBy(r => r.Type).ThenBy(r => r.Group)];
        Refined = refinement.Count > 0;
    }

    private bool Refined { get; }

    protected override ReadOnlySpan<SnomedRelationship> OutboundOf(int concept) =>
        concept == Expression ? _relationships : base.OutboundOf(concept);

    protected override ReadOnlySpan<SnomedRelationship> InboundOf(int concept) =>
        concept == Expression ? [] : base.InboundOf(concept);

    public override bool Contains(EclExpression expression, int concept)
    {
        if (concept == Expression && _focus.Length > 0)
        {
            return ContainsExpression(expression);
        }

        if (concept < 0)
        {
            return false;
        }

        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new EclSemanticException("The ECL expression is nested too deeply to evaluate");
        }

        Budget.Charge(1);
        switch (expression)
        {
            case EclConceptReference r:
                return Data.IdOf(concept) == r.ConceptId;
            case EclWildcard:
                return InWildcard(concept);
            case EclFiltered f when IsWildcardWithActiveFilter(f):
                return f.Filters.All(block => Passes(block, concept));
            case EclHierarchy h when h.Operator is EclHierarchyOperator.DescendantOrSelfOf or EclHierarchyOperator.ChildOrSelfOf
                && Contains(h.Operand, concept):
                return true;
            case EclHierarchy { Operator: EclHierarchyOperator.DescendantOf or EclHierarchyOperator.DescendantOrSelfOf } h:
                return AnyProperAncestor(h.Operand, concept);
            case EclHierarchy { Operator: EclHierarchyOperator.ChildOf or EclHierarchyOperator.ChildOrSelfOf } h:
                foreach (var parent in Data.Parents(concept))
                {
                    if (Contains(h.Operand, parent))
                    {
                        return true;
                    }
                }

                return false;
            case EclCompound { Logic: EclLogic.And } c:
                return c.Operands.All(o => Contains(o, concept));
            case EclCompound { Logic: EclLogic.Or } c:
                return c.Operands.Any(o => Contains(o, concept));
            case EclCompound c:
                return Contains(c.Operands[0], concept) && !Contains(c.Operands[1], concept);
            case EclRefined r:
                return Contains(r.Focus, concept) && Satisfies(r.Refinement, concept);
            case EclFiltered f:
                return Contains(f.Operand, concept) && f.Filters.All(block => Passes(block, concept));
            default:
                // Ancestors, parents, top/bottom, dotted, member-of, history: from the whole set.
                return _sets.Contains(expression, concept);
        }
    }

    // A post-coordinated expression is a proper descendant of each of its focus concepts (when refined). It has no
    // children, parents of its own, descriptions or refset memberships, so only descendant operators, refinements,
    // the wildcard and their combinations can select it.
    private bool ContainsExpression(EclExpression expression)
    {
        if (!Refined && _focus.Length == 1)
        {
            return Contains(expression, _focus[0]);
        }

        Budget.Charge(1);
        switch (expression)
        {
            case EclWildcard:
                return true;
            case EclHierarchy { Operator: EclHierarchyOperator.DescendantOf or EclHierarchyOperator.DescendantOrSelfOf } h:
                return _focus.Any(f => Contains(h.Operand, f) || AnyProperAncestor(h.Operand, f));
            case EclCompound { Logic: EclLogic.And } c:
                return c.Operands.All(ContainsExpression);
            case EclCompound { Logic: EclLogic.Or } c:
                return c.Operands.Any(ContainsExpression);
            case EclCompound c:
                return ContainsExpression(c.Operands[0]) && !ContainsExpression(c.Operands[1]);
            case EclRefined r:
                return ContainsExpression(r.Focus) && Satisfies(r.Refinement, Expression);
            default:
                return false;
        }
    }

    private bool AnyProperAncestor(EclExpression operand, int concept) => AnyProperAncestor(concept, parent => Contains(operand, parent));
}
