namespace TerminologyServer.Storage.Entities;

/// <summary>
/// A version of a resource that is no longer current: the whole resource as it was (a CodeSystem with its concepts),
/// gzip-compressed JSON, or a deletion (<see cref="Deleted"/>, no content). The current version stays in
/// <see cref="ResourceEntity"/> (and its concept rows); together they are the resource's history.
/// </summary>
public class ResourceHistoryEntity
{
    public long Key { get; set; }
    public required string ResourceType { get; set; }
    public required string LogicalId { get; set; }
    public int VersionId { get; set; }
    public DateTimeOffset LastUpdated { get; set; }
    public bool Deleted { get; set; }

    /// <summary>The resource's JSON, gzip-compressed (old CodeSystem versions shrink about tenfold); null for a deletion.</summary>
    public byte[]? Content { get; set; }
}
