namespace TerminologyServer.Engine.Snomed;

/// <summary>The SNOMED CT metadata concept ids the engine relies on.</summary>
public static class SnomedIds
{
    public const long IsA = 116680003;
    public const long Inferred = 900000000000011006;
    public const long Fsn = 900000000000003001, Synonym = 900000000000013009, Definition = 900000000000550004;
    public const long Preferred = 900000000000548007, Acceptable = 900000000000549004;
    public const long Primitive = 900000000000074008, Defined = 900000000000073002;
    public const long UsEnglish = 900000000000509007, GbEnglish = 900000000000508004;
    public const long ConceptModelAttribute = 410662002, LinkageConcept = 106237007;
    public const long MrcmDomainRefset = 723561005, MrcmRangeRefset = 723562003;
    public const long ModuleDependencyRefset = 900000000000534007;

    /// <summary>The historical association refsets (SAME AS, REPLACED BY, POSSIBLY EQUIVALENT TO...) are descendants of this.</summary>
    public const long HistoricalAssociation = 900000000000522004;
}
