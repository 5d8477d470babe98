namespace TerminologyServer.Storage.Entities;

/// <summary>
/// A canonical resource stored whole. For a CodeSystem the JSON is stored without its concepts, which live
/// normalised in <see cref="ConceptEntity"/> and related tables so large code systems never pass through one blob.
/// </summary>
public class ResourceEntity
{
    public long Key { get; set; }
    public required string ResourceType { get; set; }
    public required string LogicalId { get; set; }
    public int VersionId { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public string? Url { get; set; }
    public string? Version { get; set; }
    public string? Status { get; set; }
    public string? Name { get; set; }
    public string? Title { get; set; }

    /// <summary>For a CodeSystem: its <c>content</c> (complete, fragment, supplement…).</summary>
    public string? Content { get; set; }

    /// <summary>Number of concepts stored for a CodeSystem.</summary>
    public int ConceptCount { get; set; }

    /// <summary>SHA-256 of the incoming resource without meta; equal hashes mean nothing changed.</summary>
    public required string ContentHash { get; set; }

    public required string Json { get; set; }
}
