namespace TerminologyServer.Storage.Entities;

/// <summary>
/// One row per committed write, in commit order. Every server process polls this table to learn what other
/// processes changed and rebuilds the affected in-memory indexes.
/// </summary>
public class ChangeEntity
{
    public long Seq { get; set; }
    public required string ResourceType { get; set; }
    public required string LogicalId { get; set; }
    public long ResourceKey { get; set; }
    public bool Deleted { get; set; }
    public DateTimeOffset At { get; set; }
}
