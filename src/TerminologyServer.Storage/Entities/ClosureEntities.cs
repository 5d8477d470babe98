namespace TerminologyServer.Storage.Entities;

/// <summary>
/// One named closure table of <c>$closure</c> (<see cref="Name"/> unique) and the version of the last response sent;
/// <see cref="Version"/> is a concurrency token, so two servers adding to one closure never both write version N+1.
/// </summary>
public class ClosureEntity
{
    public long Key { get; set; }
    public required string Name { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A concept given to a closure, in the order given (<see cref="Seq"/>).</summary>
public class ClosureConceptEntity
{
    public long ClosureKey { get; set; }
    public int Seq { get; set; }
    public required string System { get; set; }
    public required string Code { get; set; }

    /// <summary>The code-system version the client's Coding named, or null.</summary>
    public string? SystemVersion { get; set; }

    /// <summary>The closure version that first took the concept in.</summary>
    public int AddedIn { get; set; }
}

/// <summary>A subsumption row sent to the client (<see cref="Code"/> → <see cref="TargetCode"/> in <see cref="System"/>).</summary>
public class ClosureEntryEntity
{
    public long ClosureKey { get; set; }
    public int Seq { get; set; }
    public required string System { get; set; }
    public required string Code { get; set; }
    public required string TargetCode { get; set; }

    /// <summary>The R4 ConceptMap equivalence code: <c>subsumes</c> or <c>specializes</c>.</summary>
    public required string Equivalence { get; set; }

    /// <summary>The closure version whose response carried the row.</summary>
    public int AddedIn { get; set; }
}
