using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

/// <summary>
/// A hand-made edition of two dozen concepts: a hierarchy with multiple parents, grouped attributes, concrete
/// values, descriptions in two dialects and French, a simple refset and three association refsets.
/// </summary>
internal static class FakeEdition
{
    public const long Root = 138875005, Finding = 404684003, Disease = 64572001, LiverDisorder = 235856003,
        Hepatitis = 128241005, Steatosis = 197321007, Infarction = 22298006, Carditis = 1001000,
        BodyStructure = 123037004, Liver = 10200004, Heart = 80891009, Morphology = 49755003, Inflammation = 23583003,
        Infarct = 55641003, Attribute = 410662002, IsA = 116680003, FindingSite = 363698007, Morph = 116676008,
        Strength = 1142135004, RouteText = 1008006, IsVaccine = 1009003, Product = 373873005, Tablet500 = 1002007,
        Tablet1000 = 1003002, RefsetRoot = 900000000000455006, Lateralizable = 723264001, SameAs = 900000000000527005,
        ReplacedBy = 900000000000526001, PossiblyEquivalent = 900000000000523009, Us = 900000000000509007,
        Gb = 900000000000508004, Fsn = 900000000000003001, Synonym = 900000000000013009, Definition = 900000000000550004,
        OldLiverDisorder = 1004008, OldHepatitis = 1005009, OldInfarction = 1006005, ExtensionModule = 1007001,
        Core = 900000000000207008;

    public static readonly SnomedAcceptability UsPreferred = new(Us, true), UsAcceptable = new(Us, false),
        GbPreferred = new(Gb, true), GbAcceptable = new(Gb, false);

    public static InMemorySnomed Data { get; } = Create();

    private static InMemorySnomed Create()
    {
        var d = new InMemorySnomed();
        foreach (var id in new[]
                 {
                     Root, Finding, Disease, LiverDisorder, Infarction, Carditis, BodyStructure, Liver, Heart, Morphology,
                     Inflammation, Infarct, Attribute, IsA, FindingSite, Morph, Strength, RouteText, IsVaccine, Product,
                     Tablet500, Tablet1000, RefsetRoot, Lateralizable, SameAs, ReplacedBy, PossiblyEquivalent, Us, Gb, Fsn,
                     Synonym, Definition, ExtensionModule, Core,
                 })
        {
            d.Concept(id);
        }

        d.Concept(Hepatitis, primitive: false, time: 20240731);
        d.Concept(Steatosis, module: ExtensionModule, time: 20230131);
        d.Concept(OldLiverDisorder, active: false).Concept(OldHepatitis, active: false).Concept(OldInfarction, active: false);

        foreach (var (child, parent) in new[]
                 {
                     (Finding, Root), (Disease, Finding), (LiverDisorder, Disease), (Hepatitis, LiverDisorder),
                     (Steatosis, LiverDisorder), (Infarction, Disease), (Carditis, Hepatitis), (Carditis, Infarction),
                     (BodyStructure, Root), (Liver, BodyStructure), (Heart, BodyStructure), (Morphology, BodyStructure),
                     (Inflammation, Morphology), (Infarct, Morphology), (Attribute, Root), (IsA, Attribute),
                     (FindingSite, Attribute), (Morph, Attribute), (Strength, Attribute), (RouteText, Attribute),
                     (IsVaccine, Attribute), (Product, Root), (Tablet500, Product), (Tablet1000, Product),
                     (RefsetRoot, Root), (Lateralizable, RefsetRoot), (SameAs, RefsetRoot), (ReplacedBy, RefsetRoot),
                     (PossiblyEquivalent, RefsetRoot), (Us, RefsetRoot), (Gb, RefsetRoot), (Fsn, Root), (Synonym, Root),
                     (Definition, Root), (ExtensionModule, Root), (Core, Root),
                 })
        {
            d.IsA(child, parent);
        }

        d.Relationship(LiverDisorder, FindingSite, Liver, 1);
        d.Relationship(Hepatitis, FindingSite, Liver, 1).Relationship(Hepatitis, Morph, Inflammation, 1);
        d.Relationship(Steatosis, FindingSite, Liver, 1);
        d.Relationship(Infarction, FindingSite, Heart, 1).Relationship(Infarction, Morph, Infarct, 1);
        // Two groups: heart + infarct, liver + inflammation; never heart + inflammation in one group.
        d.Relationship(Carditis, FindingSite, Heart, 1).Relationship(Carditis, Morph, Infarct, 1);
        d.Relationship(Carditis, FindingSite, Liver, 2).Relationship(Carditis, Morph, Inflammation, 2);
        d.Concrete(Tablet500, Strength, "#500", 1).Concrete(Tablet500, RouteText, "\"oral\"").Concrete(Tablet500, IsVaccine, "false");
        d.Concrete(Tablet1000, Strength, "#1000.5", 1).Concrete(Tablet1000, RouteText, "\"rectal\"");

        d.Description(Disease, 1001016, "Disease (disorder)", Fsn, acceptability: [UsPreferred, GbPreferred]);
        d.Description(Disease, 1002011, "Disease", acceptability: [UsPreferred, GbPreferred]);
        d.Description(Disease, 1003018, "Disorder", acceptability: [UsAcceptable, GbAcceptable]);
        d.Description(Infarction, 1004012, "Myocardial infarction (disorder)", Fsn, acceptability: [UsPreferred, GbPreferred]);
        d.Description(Infarction, 1005013, "Myocardial infarction", acceptability: [UsPreferred, GbAcceptable]);
        d.Description(Infarction, 1006014, "Heart attack", acceptability: [UsAcceptable, GbPreferred]);
        d.Description(Infarction, 1007017, "Infarctus du myocarde", language: "fr");
        d.Description(Hepatitis, 1008010, "Hepatitis", acceptability: [UsPreferred, GbPreferred]);
        d.Description(Hepatitis, 1009019, "Liver inflammation", active: false, acceptability: [UsAcceptable]);
        d.Description(Steatosis, 1010012, "Fatty liver", module: ExtensionModule, time: 20230131, acceptability: [UsPreferred]);
        d.Description(Heart, 1011011, "Heart structure", acceptability: [UsPreferred, GbPreferred]);
        d.Description(Heart, 1012016, "The hollow muscular organ that pumps the blood", Definition, acceptability: [UsPreferred]);
        d.Description(Liver, 1013010, "Liver structure (body structure)", Fsn, acceptability: [UsPreferred]);

        d.Member(Lateralizable, Liver).Member(Lateralizable, Heart).Member(Lateralizable, Infarct, false, Core, 20240101);
        foreach (var association in new[] { SameAs, ReplacedBy, PossiblyEquivalent })
        {
            d.Fields(association, "targetComponentId");
        }

        d.Member(SameAs, OldLiverDisorder, LiverDisorder.ToString());
        d.Member(ReplacedBy, OldHepatitis, true, ExtensionModule, 20240731, Hepatitis.ToString());
        d.Member(PossiblyEquivalent, OldInfarction, Infarction.ToString());
        return d.Build();
    }

    /// <summary>The SCTIDs the expression selects, ascending by id.</summary>
    public static long[] Eval(string ecl) =>
        Data.Ids(Engine.Snomed.Ecl.EclEvaluator.Evaluate(Engine.Snomed.Ecl.EclParser.Parse(ecl), Data)).Order().ToArray();
}
