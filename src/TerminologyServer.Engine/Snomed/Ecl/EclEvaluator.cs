namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// Evaluates a parsed expression constraint (<see cref="EclParser.Parse"/>) on one SNOMED CT edition
/// (<see cref="ISnomedData"/>), on the active inferred view, as the ECL specification defines it
/// (https://docs.snomed.org/snomed-ct-specifications/snomed-ct-expression-constraint-language).
/// Thread-safe: each call works on its own state. Unknown concept ids select nothing (they are not errors).
/// </summary>
public static class EclEvaluator
{
    /// <summary>
    /// The concepts <paramref name="expression"/> selects. Throws <see cref="EclTooCostlyException"/> (too-costly)
    /// past <see cref="EclLimits.MaxWork"/>, <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static EclConceptSet Evaluate(EclExpression expression, ISnomedData data, EclLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        var evaluation = new EclEvaluation(data, new EclBudget(limits ?? EclLimits.Default, cancellationToken));
        return new EclConceptSet(evaluation.Evaluate(expression));
    }

    /// <summary>
    /// Whether the concept at position <paramref name="concept"/> is in the set of <paramref name="expression"/>,
    /// for <c>$validate-code</c>: hierarchy operators walk up from the concept and refinements look at its own
    /// relationships, so the whole set is only built for the parts that need it (ancestors of sets, dotted
    /// attributes, member-of, history supplements, top/bottom).
    /// </summary>
    public static bool Matches(EclExpression expression, ISnomedData data, int concept, EclLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        if ((uint)concept >= (uint)data.Count)
        {
            return false;
        }

        var matcher = new EclMatcher(data, new EclBudget(limits ?? EclLimits.Default, cancellationToken));
        return matcher.Contains(expression, concept);
    }

    /// <summary>
    /// Whether a post-coordinated expression is in the set of <paramref name="expression"/>: the expression is given
    /// as its focus concepts (positions) and refinement relationships (<see cref="SnomedRelationship.Type"/>,
    /// <see cref="SnomedRelationship.Destination"/> or <see cref="SnomedRelationship.ConcreteValue"/>, and
    /// <see cref="SnomedRelationship.Group"/>, 0 for ungrouped; the source is ignored). A refined expression is a
    /// proper descendant of its focus concepts and has their attributes plus its own, so <c>&lt; X</c>,
    /// <c>&lt;&lt; X</c>, refinements, <c>*</c> and AND/OR/MINUS of them can select it; child, parent and ancestor
    /// operators, member-of, filters and dotted attributes cannot. Without a refinement it is its focus concept.
    /// </summary>
    public static bool MatchesExpression(EclExpression expression, ISnomedData data, IReadOnlyList<int> focusConcepts,
        IReadOnlyList<SnomedRelationship> refinement, EclLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(focusConcepts);
        ArgumentNullException.ThrowIfNull(refinement);
        cancellationToken.ThrowIfCancellationRequested();
        if (focusConcepts.Count == 0 || focusConcepts.Any(f => (uint)f >= (uint)data.Count))
        {
            return false;
        }

        var matcher = new EclMatcher(data, new EclBudget(limits ?? EclLimits.Default, cancellationToken), focusConcepts, refinement);
        return matcher.Contains(expression, EclMatcher.Expression);
    }
}
