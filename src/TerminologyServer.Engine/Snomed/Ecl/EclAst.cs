namespace TerminologyServer.Engine.Snomed.Ecl;

// The syntax tree of an ECL 2.x expression constraint, as EclParser builds it. Every node is an immutable record,
// so a parsed expression can be cached and evaluated from several threads at once.
// See https://docs.snomed.org/snomed-ct-specifications/snomed-ct-expression-constraint-language

/// <summary>A parsed expression constraint (or any part of one that selects a set of concepts).</summary>
public abstract record EclExpression;

/// <summary>One concept by its SCTID (<c>404684003 |Clinical finding|</c>); the term is kept but never checked.</summary>
public sealed record EclConceptReference(long ConceptId, string? Term) : EclExpression;

/// <summary><c>*</c>: every concept of the edition.</summary>
public sealed record EclWildcard : EclExpression;

/// <summary>The hierarchy operators of ECL.</summary>
public enum EclHierarchyOperator
{
    /// <summary><c>&lt;</c></summary>
    DescendantOf,
    /// <summary><c>&lt;&lt;</c></summary>
    DescendantOrSelfOf,
    /// <summary><c>&lt;!</c></summary>
    ChildOf,
    /// <summary><c>&lt;&lt;!</c></summary>
    ChildOrSelfOf,
    /// <summary><c>&gt;</c></summary>
    AncestorOf,
    /// <summary><c>&gt;&gt;</c></summary>
    AncestorOrSelfOf,
    /// <summary><c>&gt;!</c></summary>
    ParentOf,
    /// <summary><c>&gt;&gt;!</c></summary>
    ParentOrSelfOf,
    /// <summary><c>!!&gt;</c>: the members of the set that have no ancestor in the set.</summary>
    Top,
    /// <summary><c>!!&lt;</c>: the members of the set that have no descendant in the set.</summary>
    Bottom,
}

/// <summary>A hierarchy operator applied to a set (<c>&lt;&lt; 404684003</c>, <c>&lt; (A OR B)</c>).</summary>
public sealed record EclHierarchy(EclHierarchyOperator Operator, EclExpression Operand) : EclExpression;

/// <summary>
/// Member of (<c>^ X</c>): the referenced components of the active members of the refsets in <paramref name="Refsets"/>,
/// or, with <paramref name="Fields"/> (<c>^ [targetComponentId] X</c>), the concepts those member fields name
/// (<c>*</c> = every field). <paramref name="Filters"/> are the member filters (<c>{{ M ... }}</c>).
/// </summary>
public sealed record EclMemberOf(EclExpression Refsets, IReadOnlyList<string>? Fields, IReadOnlyList<EclMemberFilters> Filters)
    : EclExpression;

/// <summary>How the operands of an <see cref="EclCompound"/> or an <see cref="EclRefinementSet"/> combine.</summary>
public enum EclLogic
{
    /// <summary><c>AND</c> or <c>,</c></summary>
    And,
    /// <summary><c>OR</c></summary>
    Or,
    /// <summary><c>MINUS</c> (expressions only; exactly two operands)</summary>
    Minus,
}

/// <summary>A conjunction, disjunction (two or more operands) or exclusion (exactly two) of expression constraints.</summary>
public sealed record EclCompound(EclLogic Logic, IReadOnlyList<EclExpression> Operands) : EclExpression;

/// <summary>A refined expression constraint: <c>focus : refinement</c>.</summary>
public sealed record EclRefined(EclExpression Focus, EclRefinement Refinement) : EclExpression;

/// <summary>Dotted attributes: <c>X . A . B</c>, the values of attributes A of X, then of B of those.</summary>
public sealed record EclDotted(EclExpression Source, IReadOnlyList<EclExpression> Attributes) : EclExpression;

/// <summary>An expression narrowed by description filters (<c>{{ D ... }}</c>) and concept filters (<c>{{ C ... }}</c>).</summary>
public sealed record EclFiltered(EclExpression Operand, IReadOnlyList<EclFilterConstraint> Filters) : EclExpression;

/// <summary>The history profiles of a history supplement.</summary>
public enum EclHistoryProfile
{
    /// <summary><c>+HISTORY-MIN</c>: SAME AS only.</summary>
    Minimum,
    /// <summary><c>+HISTORY-MOD</c>: SAME AS, REPLACED BY, WAS A, PARTIALLY EQUIVALENT TO.</summary>
    Moderate,
    /// <summary><c>+HISTORY-MAX</c> or <c>+HISTORY</c>: every historical association.</summary>
    Maximum,
    /// <summary><c>+HISTORY (refsets)</c>: the association refsets the nested expression selects.</summary>
    Custom,
}

/// <summary>
/// A history supplement: the operand plus the inactive concepts that the association refsets of the profile point
/// from to a member of the operand. <paramref name="Refsets"/> is set for <see cref="EclHistoryProfile.Custom"/>.
/// </summary>
public sealed record EclHistorySupplement(EclExpression Operand, EclHistoryProfile Profile, EclExpression? Refsets)
    : EclExpression;

/// <summary>A refinement (after <c>:</c>), or a set of attributes inside a group.</summary>
public abstract record EclRefinement;

/// <summary>Two or more refinements joined by AND (or <c>,</c>) or by OR.</summary>
public sealed record EclRefinementSet(EclLogic Logic, IReadOnlyList<EclRefinement> Items) : EclRefinement;

/// <summary>An attribute group <c>[m..n] { ... }</c>: the attributes must all hold within one relationship group.</summary>
public sealed record EclAttributeGroup(EclCardinality? Cardinality, EclRefinement Attributes) : EclRefinement;

/// <summary>
/// One attribute <c>[m..n] R name op value</c>. <paramref name="Name"/> selects the attribute types (a concept,
/// <c>&lt;&lt; 363698007</c>, <c>*</c>); <paramref name="Reverse"/> reads the relationship backwards.
/// </summary>
public sealed record EclAttribute(
    EclCardinality? Cardinality,
    bool Reverse,
    EclExpression Name,
    EclComparison Comparison,
    EclAttributeValue Value) : EclRefinement;

/// <summary>A cardinality <c>[min..max]</c>; <paramref name="Max"/> null is <c>*</c> (many).</summary>
public sealed record EclCardinality(int Min, int? Max);

/// <summary>The comparison operators of attributes and filters.</summary>
public enum EclComparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>The value side of an attribute or a member field filter.</summary>
public abstract record EclAttributeValue;

/// <summary>A value that is an expression constraint (<c>= &lt;&lt; 10200004</c>).</summary>
public sealed record EclExpressionValue(EclExpression Expression) : EclAttributeValue;

/// <summary>A numeric concrete value (<c>#500</c>, <c>#0.5</c>).</summary>
public sealed record EclNumericValue(decimal Value) : EclAttributeValue;

/// <summary>A string concrete value or set of them (<c>"abc"</c>, <c>("a" "b")</c>); matches any.</summary>
public sealed record EclStringValue(IReadOnlyList<string> Values) : EclAttributeValue;

/// <summary>A boolean concrete value (<c>true</c>, <c>false</c>).</summary>
public sealed record EclBooleanValue(bool Value) : EclAttributeValue;

/// <summary>A member field compared with search terms (<c>mapTarget = wild:"J45*"</c>).</summary>
public sealed record EclTermValue(IReadOnlyList<EclSearchTerm> Terms) : EclAttributeValue;

/// <summary>A member field compared with effective times (yyyymmdd; 0 for the empty <c>""</c>).</summary>
public sealed record EclTimeValue(IReadOnlyList<int> Times) : EclAttributeValue;
