namespace TerminologyServer.Storage;

/// <summary>The search parameters supported on canonical resources.</summary>
public sealed record SearchCriteria
{
    public string? Id { get; init; }
    public string? Url { get; init; }
    public string? Version { get; init; }
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Status { get; init; }

    /// <summary>Only these logical ids (the answer of an in-memory index, such as PlanDefinition topics); null = any.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }
    public int Count { get; init; } = 20;
    public int Offset { get; init; }
}

public sealed record SearchPage(int Total, IReadOnlyList<Hl7.Fhir.Model.Resource> Resources);

public enum WriteOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>One resource of <see cref="ResourceStore.SaveAllAsync"/>; <paramref name="ExpectedVersion"/> 0 means "must not exist yet".</summary>
public sealed record ResourceWrite(Hl7.Fhir.Model.Resource Resource, int? ExpectedVersion = null);

/// <summary>
/// A stored resource changed between reading it and writing it back (optimistic concurrency): either the caller's
/// <see cref="ResourceWrite.ExpectedVersion"/> no longer matched (<see cref="ExpectedVersionMismatch"/>), or another
/// writer (another process on the same database) stored a new version between this write's read and its update.
/// </summary>
public sealed class ResourceVersionConflictException(string message, bool expectedVersionMismatch = false, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>True when the version the caller expected (If-Match) was not the stored one; false when a concurrent writer won.</summary>
    public bool ExpectedVersionMismatch { get; } = expectedVersionMismatch;
}
