namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// The read-only view of one loaded SNOMED CT edition version that the ECL evaluator, the SNOMED code system
/// behaviour and the compositional-grammar checker work on. Concepts are dense positions <c>0..Count-1</c>, so
/// sets of concepts are bit sets or sorted <c>int</c> arrays and no query runs per concept.
/// Relationships are the <b>active inferred</b> ones (characteristic type 900000000000011006), as ECL evaluates
/// on the inferred view; IS-A (116680003) appears in <see cref="Parents"/>/<see cref="Children"/> and also in
/// <see cref="Outbound"/>/<see cref="Inbound"/> so that <c>&lt; x : 116680003 = y</c> works like any attribute.
/// See https://confluence.ihtsdotools.org/display/DOCECL for the language this serves.
/// </summary>
public interface ISnomedData
{
    /// <summary>Number of concepts (active and inactive).</summary>
    int Count { get; }

    /// <summary>The position of the concept with this SCTID, or -1 when the edition has no such concept.</summary>
    int IndexOf(long conceptId);

    /// <summary>The SCTID of the concept at <paramref name="concept"/>.</summary>
    long IdOf(int concept);

    /// <summary>The concept row: active, module, effective time, definition status.</summary>
    SnomedConceptFacts Facts(int concept);

    /// <summary>Direct active inferred IS-A parents (positions), ascending.</summary>
    ReadOnlySpan<int> Parents(int concept);

    /// <summary>Direct active inferred IS-A children (positions), ascending.</summary>
    ReadOnlySpan<int> Children(int concept);

    /// <summary>Active inferred relationships whose source is <paramref name="concept"/> (IS-A included), by type then group.</summary>
    ReadOnlySpan<SnomedRelationship> Outbound(int concept);

    /// <summary>Active inferred relationships whose destination is <paramref name="concept"/> (no concrete values), by type.</summary>
    ReadOnlySpan<SnomedRelationship> Inbound(int concept);

    /// <summary>Every description (active and inactive, FSN, synonym, text definition) of <paramref name="concept"/>.</summary>
    ReadOnlySpan<SnomedDescription> Descriptions(int concept);

    /// <summary>Positions of the concepts that are reference sets with at least one member in this edition.</summary>
    ReadOnlySpan<int> Refsets { get; }

    /// <summary>
    /// The members of the reference set at <paramref name="refset"/> (active and inactive), empty when it is not a
    /// refset. Each member's <see cref="SnomedRefsetMember.Fields"/> follows <see cref="RefsetFields"/>.
    /// </summary>
    ReadOnlySpan<SnomedRefsetMember> Members(int refset);

    /// <summary>
    /// The column names of the refset's RF2 file after <c>referencedComponentId</c> (e.g. <c>targetComponentId</c>,
    /// <c>acceptabilityId</c>, <c>mapTarget</c>), for ECL member filters and field projection.
    /// </summary>
    IReadOnlyList<string> RefsetFields(int refset);
}

/// <summary>A concept row of RF2 <c>sct2_Concept</c>. <paramref name="EffectiveTime"/> is yyyymmdd as an int.</summary>
public readonly record struct SnomedConceptFacts(bool Active, long ModuleId, int EffectiveTime, bool Primitive);

/// <summary>
/// One active inferred relationship. <paramref name="Destination"/> is a concept position, or -1 for a concrete
/// value, then <paramref name="ConcreteValue"/> holds the RF2 value (<c>#12</c>, <c>#0.5</c>, <c>"text"</c>,
/// <c>true</c>/<c>false</c>). <paramref name="Group"/> 0 is ungrouped.
/// </summary>
public readonly record struct SnomedRelationship(int Source, int Type, int Destination, string? ConcreteValue, int Group);

/// <summary>
/// One description. <paramref name="Type"/> is the position of its type concept (FSN 900000000000003001, synonym
/// 900000000000013009, definition 900000000000550004); <paramref name="Acceptability"/> lists the language refsets
/// (dialects) that accept it, each with whether it is preferred there.
/// </summary>
public sealed record SnomedDescription(
    long Id,
    bool Active,
    long ModuleId,
    int EffectiveTime,
    string LanguageCode,
    int Type,
    string Term,
    long CaseSignificanceId,
    IReadOnlyList<SnomedAcceptability> Acceptability);

/// <summary>A description's acceptability in one language refset (dialect).</summary>
public readonly record struct SnomedAcceptability(long LanguageRefsetId, bool Preferred);

/// <summary>
/// One refset member. <paramref name="ReferencedComponentId"/> is the SCTID of what it references (a concept,
/// a description...); <paramref name="ReferencedConcept"/> its concept position or -1 when it is not a concept.
/// <paramref name="Fields"/> are the additional columns, in the order of <see cref="ISnomedData.RefsetFields"/>.
/// </summary>
public sealed record SnomedRefsetMember(
    string Id,
    bool Active,
    long ModuleId,
    int EffectiveTime,
    long ReferencedComponentId,
    int ReferencedConcept,
    IReadOnlyList<string> Fields);
