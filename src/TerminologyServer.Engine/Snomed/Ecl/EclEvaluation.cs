namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// Evaluates an expression constraint to a bit set of concept positions, bottom-up: every nested expression is
/// evaluated once (cached by node) and combined word by word; hierarchy operators walk the IS-A graph once per
/// operator with a visited set, so the cost is bounded by the edition's size, never a query per concept.
/// </summary>
internal sealed partial class EclEvaluation(ISnomedData data, EclBudget budget) : EclOracle(data, budget)
{
    private readonly Dictionary<EclExpression, Bits> _cache = new(ReferenceEqualityComparer.Instance);

    public override bool Contains(EclExpression expression, int concept) => concept >= 0 && Evaluate(expression).Get(concept);

    /// <summary>The set of <paramref name="expression"/>; shared with the cache, so callers copy before changing it.</summary>
    public Bits Evaluate(EclExpression expression)
    {
        if (_cache.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new EclSemanticException("The ECL expression is nested too deeply to evaluate");
        }

        var result = expression switch
        {
            EclConceptReference r => Single(r.ConceptId),
            EclWildcard => Wildcard(),
            EclHierarchy h => Hierarchy(h.Operator, Evaluate(h.Operand)),
            EclCompound c => Compound(c),
            EclRefined r => Refined(r),
            EclDotted d => Dotted(d),
            EclFiltered f => Filtered(f),
            EclMemberOf m => MemberOf(m),
            EclHistorySupplement h => History(h),
            _ => throw new InvalidOperationException("Unknown ECL node " + expression.GetType().Name),
        };
        Budget.Charge(result.WordCount);
        _cache[expression] = result;
        return result;
    }

    // The active concepts under the root (see InWildcard), from one walk down the hierarchy.
    private Bits Wildcard()
    {
        var root = RootPosition;
        var result = new Bits(Data.Count);
        if (root >= 0)
        {
            var start = new Bits(Data.Count);
            start.Set(root);
            result = Closure(start, down: true, includeSelf: true);
        }
        else
        {
            result = Bits.All(Data.Count);
        }

        Budget.Charge(Data.Count / 64 + Data.Count / 8);
        for (var concept = 0; concept < Data.Count; concept++)
        {
            if (!Data.Facts(concept).Active)
            {
                result.Clear(concept);
            }
        }

        return result;
    }

    private Bits Single(long conceptId)
    {
        var bits = new Bits(Data.Count);
        var position = Data.IndexOf(conceptId);
        if (position >= 0)
        {
            bits.Set(position);
        }

        return bits;
    }

    private Bits Compound(EclCompound c)
    {
        var result = Evaluate(c.Operands[0]).Copy();
        for (var i = 1; i < c.Operands.Count; i++)
        {
            // An empty conjunction or exclusion stays empty: the other operands need not be evaluated.
            if (c.Logic != EclLogic.Or && result.IsEmpty())
            {
                break;
            }

            var operand = Evaluate(c.Operands[i]);
            Budget.Charge(result.WordCount);
            switch (c.Logic)
            {
                case EclLogic.And:
                    result.And(operand);
                    break;
                case EclLogic.Or:
                    result.Or(operand);
                    break;
                default:
                    result.AndNot(operand);
                    break;
            }
        }

        return result;
    }

    private Bits Refined(EclRefined r)
    {
        var focus = Evaluate(r.Focus);
        var result = new Bits(Data.Count);
        foreach (var concept in focus)
        {
            if (Satisfies(r.Refinement, concept))
            {
                result.Set(concept);
            }
        }

        return result;
    }

    private Bits Filtered(EclFiltered f)
    {
        // "* {{ C active = 0 }}": a concept filter on active widens the wildcard to inactive concepts.
        var operand = IsWildcardWithActiveFilter(f) ? Bits.All(Data.Count) : Evaluate(f.Operand);
        var result = operand.Copy();
        foreach (var concept in operand)
        {
            foreach (var block in f.Filters)
            {
                if (!Passes(block, concept))
                {
                    result.Clear(concept);
                    break;
                }
            }
        }

        return result;
    }

    // X . A: the targets of the A relationships of the members of X, then of the next attribute, and so on.
    private Bits Dotted(EclDotted d)
    {
        var current = Evaluate(d.Source);
        foreach (var attribute in d.Attributes)
        {
            var types = Evaluate(attribute);
            var wildcard = attribute is EclWildcard;
            var next = new Bits(Data.Count);
            foreach (var concept in current)
            {
                var outbound = Data.Outbound(concept);
                Budget.Charge(outbound.Length + 1);
                foreach (var r in outbound)
                {
                    if (r.Destination >= 0 && (wildcard ? r.Type != IsAPosition : types.Get(r.Type)))
                    {
                        next.Set(r.Destination);
                    }
                }
            }

            current = next;
        }

        return current;
    }
}
