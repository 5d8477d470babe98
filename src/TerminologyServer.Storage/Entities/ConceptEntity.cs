namespace TerminologyServer.Storage.Entities;

/// <summary>A concept of a stored CodeSystem; keyed by its resource and its position in source order.</summary>
public class ConceptEntity
{
    public long ResourceKey { get; set; }
    public int Ordinal { get; set; }
    public required string Code { get; set; }
    public string? Display { get; set; }
    public string? Definition { get; set; }

    /// <summary>The concept's extensions as a FHIR JSON array (see <see cref="ConceptRows"/>); null when it has none.</summary>
    public string? Extensions { get; set; }
}

/// <summary>A parent link (a concept may have several). <see cref="Nested"/> marks the parent it was nested under.</summary>
public class ConceptParentEntity
{
    public long ResourceKey { get; set; }
    public int Ordinal { get; set; }
    public int Seq { get; set; }
    public required string ParentCode { get; set; }
    public bool Nested { get; set; }
}

/// <summary>A concept property value in its FHIR string form (see the engine's PropertyValue).</summary>
public class ConceptPropertyEntity
{
    public long ResourceKey { get; set; }
    public int Ordinal { get; set; }
    public int Seq { get; set; }
    public required string Code { get; set; }
    public byte Type { get; set; }
    public required string Value { get; set; }
    public string? System { get; set; }
    public string? Display { get; set; }
}

public class ConceptDesignationEntity
{
    public long ResourceKey { get; set; }
    public int Ordinal { get; set; }
    public int Seq { get; set; }
    public string? Language { get; set; }
    public string? UseSystem { get; set; }
    public string? UseCode { get; set; }
    public string? UseDisplay { get; set; }
    public required string Value { get; set; }

    /// <summary>The designation's extensions as a FHIR JSON array; null when it has none.</summary>
    public string? Extensions { get; set; }
}
