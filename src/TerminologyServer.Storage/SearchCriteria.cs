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
