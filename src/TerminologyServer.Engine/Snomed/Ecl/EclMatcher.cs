namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// Answers "is this one concept in the set?" by walking from the concept: up the IS-A graph for descendant and
/// child operators, through its own relationships for refinements, its descriptions for filters. Parts that can
/// only be answered from the whole set are handed to a set evaluation (sharing the same budget and cache).
/// </summary>
internal sealed class EclMatcher : EclOracle
{
    private readonly EclEvaluation _sets;

    public EclMatcher(ISnomedData data, EclBudget budget)
        : base(data, budget)
    {
        _sets = new EclEvaluation(data, budget);
    }

    public override bool Contains(EclExpression expression, int concept)
    {
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
                return true;
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

    private bool AnyProperAncestor(EclExpression operand, int concept)
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

                if (Contains(operand, parent))
                {
                    return true;
                }

                stack.Push(parent);
            }
        }

        return false;
    }
}
