namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>One <c>{{ ... }}</c> block of filters; every filter of a block must hold for the same component.</summary>
public abstract record EclFilterConstraint(IReadOnlyList<EclFilter> Filters);

/// <summary><c>{{ D ... }}</c> (the <c>D</c> is optional): some description of the concept passes every filter.</summary>
public sealed record EclDescriptionFilters(IReadOnlyList<EclFilter> Filters) : EclFilterConstraint(Filters);

/// <summary><c>{{ C ... }}</c>: the concept row passes every filter.</summary>
public sealed record EclConceptFilters(IReadOnlyList<EclFilter> Filters) : EclFilterConstraint(Filters);

/// <summary><c>{{ M ... }}</c> after <c>^</c>: only the refset members that pass every filter count.</summary>
public sealed record EclMemberFilters(IReadOnlyList<EclFilter> Filters) : EclFilterConstraint(Filters);

/// <summary>One filter inside <c>{{ }}</c>.</summary>
public abstract record EclFilter;

/// <summary>How a search term matches a description term.</summary>
public enum EclTermMatch
{
    /// <summary><c>match:</c> (the default): every word of the search term starts a word of the term, any order.</summary>
    Match,
    /// <summary><c>wild:</c>: the whole term matches, <c>*</c> being any run of characters.</summary>
    Wild,
}

/// <summary>One search term of a term filter.</summary>
public sealed record EclSearchTerm(EclTermMatch Match, string Text);

/// <summary><c>term = "..."</c> or <c>term != (...)</c>: the term matches one of the search terms (or none).</summary>
public sealed record EclTermFilter(bool Negated, IReadOnlyList<EclSearchTerm> Terms) : EclFilter;

/// <summary><c>language = en</c> or <c>language = (en de)</c>.</summary>
public sealed record EclLanguageFilter(bool Negated, IReadOnlyList<string> Codes) : EclFilter;

/// <summary><c>type = syn</c>, <c>typeId = 900000000000003001</c>: the description type is one of the concepts.</summary>
public sealed record EclTypeFilter(bool Negated, EclExpression Types) : EclFilter;

/// <summary>Which acceptabilities a dialect filter asks for; <see cref="Any"/> when none is given.</summary>
[Flags]
public enum EclAcceptability
{
    Any = 0,
    Preferred = 1,
    Acceptable = 2,
}

/// <summary>One dialect of a dialect filter: the language refsets and the acceptability asked for there.</summary>
public sealed record EclDialect(EclExpression LanguageRefsets, string? Alias, EclAcceptability Acceptability);

/// <summary><c>dialect = en-us (prefer)</c>, <c>dialectId = (900000000000509007 900000000000508004)</c>.</summary>
public sealed record EclDialectFilter(bool Negated, IReadOnlyList<EclDialect> Dialects) : EclFilter;

/// <summary><c>moduleId = ...</c> (descriptions, concepts, members).</summary>
public sealed record EclModuleFilter(bool Negated, EclExpression Modules) : EclFilter;

/// <summary><c>effectiveTime &gt;= "20200131"</c>; times are yyyymmdd, any of the set matches for <c>=</c>.</summary>
public sealed record EclEffectiveTimeFilter(EclComparison Comparison, IReadOnlyList<int> Times) : EclFilter;

/// <summary><c>active = true</c> / <c>active = 0</c>.</summary>
public sealed record EclActiveFilter(bool Active) : EclFilter;

/// <summary><c>id = 12345011</c> or a set of description ids.</summary>
public sealed record EclDescriptionIdFilter(bool Negated, IReadOnlyList<long> Ids) : EclFilter;

/// <summary><c>definitionStatus = primitive</c>, <c>definitionStatusId = 900000000000073002</c>.</summary>
public sealed record EclDefinitionStatusFilter(bool Negated, EclExpression Statuses) : EclFilter;

/// <summary>A refset member field filter: <c>mapTarget = "J45.9"</c>, <c>targetComponentId = &lt;&lt; X</c>.</summary>
public sealed record EclMemberFieldFilter(string Field, EclComparison Comparison, EclAttributeValue Value) : EclFilter;
