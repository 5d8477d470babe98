using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// Bounds on parsing and evaluating one expression constraint, so that pathological input (deep nesting, huge
/// exclusions, wildcard refinements over a whole edition) ends with a clear error instead of a hang or a stack
/// overflow.
/// </summary>
public sealed record EclLimits
{
    /// <summary>The defaults: 50,000 characters, nesting depth 64, 200 million units of work.</summary>
    public static EclLimits Default { get; } = new();

    /// <summary>Longest expression accepted, in characters.</summary>
    public int MaxLength { get; init; } = 50_000;

    /// <summary>Deepest nesting of brackets, groups and nested expressions.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Units of work one evaluation may spend: a unit is a concept, relationship, description or refset member
    /// visited, or 64 concepts of a set operation. Beyond it the evaluation fails with issue type too-costly.
    /// </summary>
    public long MaxWork { get; init; } = 200_000_000;
}

/// <summary>The evaluation ran past <see cref="EclLimits.MaxWork"/> (issue type too-costly, HTTP 422).</summary>
public sealed class EclTooCostlyException(long work)
    : TerminologyException(OperationOutcome.IssueType.TooCostly, "ECL_TOO_COSTLY",
        $"The ECL expression is too costly to evaluate (it needs more than {work:N0} units of work); narrow it")
{
    /// <summary>The limit that was reached.</summary>
    public long Work { get; } = work;
}
