namespace TerminologyServer.Storage.Entities;

/// <summary>
/// One imported SNOMED CT edition version (<see cref="Uri"/> is its full version URI, unique). Its content is the
/// RF2 snapshot files it was imported from, checked line by line at import, stored compressed in
/// <see cref="SnomedFileChunkEntity"/> rows: the database is the source of truth, the in-memory index is rebuilt from them.
/// </summary>
public class SnomedEditionEntity
{
    public long Key { get; set; }
    public required string Uri { get; set; }
    public long ModuleId { get; set; }
    public int EffectiveTime { get; set; }

    /// <summary>SHA-256 of the files read, hex: the same release imported again changes nothing.</summary>
    public required string ContentHash { get; set; }

    public int Concepts { get; set; }
    public int Descriptions { get; set; }
    public int Relationships { get; set; }
    public int RefsetMembers { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A piece (at most <c>SnomedStore.ChunkBytes</c> of gzip) of one RF2 file of an edition; pieces of a file are in <see cref="Seq"/> order.</summary>
public class SnomedFileChunkEntity
{
    public long EditionKey { get; set; }
    public int FileNo { get; set; }
    public int Seq { get; set; }

    /// <summary>The file's path inside the release (its name says its kind).</summary>
    public required string Path { get; set; }

    public required byte[] Data { get; set; }
}
