using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Closures;

/// <summary>A concept given to a closure table, and the closure version in which it was first given.</summary>
/// <param name="System">The code system URL.</param>
/// <param name="Code">The code.</param>
/// <param name="SystemVersion">The code-system version the client named in its Coding, if any (else the latest answers).</param>
/// <param name="AddedIn">The closure version whose response first took the concept into account.</param>
public sealed record ClosureConcept(string System, string Code, string? SystemVersion, int AddedIn);

/// <summary>
/// One row the client adds to its closure table: in <paramref name="System"/>, <paramref name="Code"/> relates to
/// <paramref name="TargetCode"/> as <paramref name="Equivalence"/> says (R4 ConceptMap semantics: <c>subsumes</c> means
/// the target subsumes the source, i.e. the source is-a target; <c>specializes</c> means the target is-a source).
/// </summary>
/// <param name="AddedIn">The closure version whose response first carried the row (what <c>version</c> resynchronises from).</param>
public sealed record ClosureEntry(string System, string Code, string TargetCode, ConceptMapEquivalence Equivalence, int AddedIn);

/// <summary>Everything a server remembers of one named closure table: its current version, its concepts and the rows it has sent.</summary>
public sealed record ClosureTable(string Name, int Version, IReadOnlyList<ClosureConcept> Concepts, IReadOnlyList<ClosureEntry> Entries)
{
    /// <summary>A closure table just initialised: version 1, nothing in it.</summary>
    public static ClosureTable Initial(string name) => new(name, ClosureService.InitialVersion, [], []);
}

/// <summary>
/// What one <c>$closure</c> call with concepts adds to a table: the new version (the same version when nothing was new),
/// the concepts not seen before and the subsumption rows they bring.
/// </summary>
public sealed record ClosureUpdate(int Version, IReadOnlyList<ClosureConcept> Concepts, IReadOnlyList<ClosureEntry> Entries)
{
    /// <summary>True when the call brought no concept the table did not already hold.</summary>
    public bool IsEmpty => Concepts.Count == 0;
}
