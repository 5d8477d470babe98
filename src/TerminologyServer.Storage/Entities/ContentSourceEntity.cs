namespace TerminologyServer.Storage.Entities;

/// <summary>
/// A bulk content source (the FHIR core terminology, the shipped folder…) and the hash of what was last loaded
/// from it, so a restart with unchanged content skips it without re-reading thousands of resources.
/// </summary>
public class ContentSourceEntity
{
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}
