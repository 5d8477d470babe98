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

/// <summary>A stored resource changed between reading it and writing it back (optimistic concurrency).</summary>
public sealed class ResourceVersionConflictException(string message) : Exception(message);
