using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import.Tests;

public sealed class IcdIndexes
{
    public CodeSystemIndex Cm2026 { get; } = Icd10Cm.Open(SharedData.Icd10Cm2026).ToIndex();

    public CodeSystemIndex Pcs2026 { get; } = Icd10Pcs.Open(SharedData.Icd10Pcs2026).ToIndex();
}

public sealed class IcdReaderTests(IcdIndexes indexes) : IClassFixture<IcdIndexes>
{
    [Fact]
    public void GivenTheFy2026OrderFile_WhenRead_ThenCountsEqualTheReadme()
    {
        var cm = indexes.Cm2026;
        Assert.Equal("2026", cm.Version);
        Assert.Equal(Icd10Cm.Url, cm.Url);
        Assert.Equal(98_186, cm.Concepts.Length);
        Assert.Equal(74_719, cm.Concepts.Count(c => c.PropertiesNamed("billable").Single().IsTrue));
        Assert.Equal(23_467, cm.Concepts.Count(c => c.IsAbstract));
        Assert.Equal(1_918, cm.Roots.Length);
    }

    [Fact]
    public void GivenTheFy2026OrderFile_WhenRead_ThenCodesHaveDotsDisplaysParentsAndShortDesignations()
    {
        var cm = indexes.Cm2026;
        var a000 = cm.Find("A00.0")!;
        Assert.Equal("Cholera due to Vibrio cholerae 01, biovar cholerae", a000.Display);
        Assert.Equal("A00", cm.Concepts[a000.Parents.Single()].Code);
        Assert.False(a000.IsAbstract);
        Assert.True(cm.Find("A00")!.IsAbstract);
        Assert.Null(cm.Find("A000"));

        var s = cm.Find("S00.00XA")!;
        Assert.Equal("Unspecified superficial injury of scalp, initial encounter", s.Display);
        var chain = new List<string>();
        for (var c = s; c.Parents.Length > 0; c = cm.Concepts[c.Parents[0]])
        {
            chain.Add(cm.Concepts[c.Parents[0]].Code);
        }

        Assert.Equal(["S00.00", "S00.0", "S00"], chain);
        Assert.True(cm.Subsumes(cm.Find("S00")!, s));
        Assert.Contains(cm.Find("B88.01")!.Designations, d => d.Value == "Infestation by Demodex mites" && d.Use?.Code == "900000000000013009");
    }

    [Fact]
    public void GivenFy2025AndFy2026_WhenRead_ThenEachHasItsOwnVersionAndCount()
    {
        var fy2025 = Icd10Cm.Open(SharedData.Icd10Cm2025).ToIndex();
        Assert.Equal("2025", fy2025.Version);
        Assert.Equal(97_584, fy2025.Concepts.Length);
        Assert.Null(fy2025.Find("B88.01"));
        Assert.NotNull(indexes.Cm2026.Find("B88.01"));
    }

    [Fact]
    public void GivenTheTabularXml_WhenRead_ThenChaptersAndSectionsSitAboveTheCategories()
    {
        var cm = Icd10Cm.Open(SharedData.Icd10Cm2021, "2021", SharedData.Tabular2021).ToIndex();
        Assert.Equal(95_358 + 22 + 296, cm.Concepts.Length);
        Assert.Equal(22, cm.Roots.Length);
        var a00 = cm.Find("A00")!;
        var section = cm.Concepts[a00.Parents.Single()];
        Assert.Equal("A00-A09", section.Code);
        Assert.Equal("A00-B99", cm.Concepts[section.Parents.Single()].Code);
        Assert.True(section.IsAbstract);
        Assert.Equal("C7A-C7A", cm.Concepts[cm.Find("C7A")!.Parents.Single()].Code);
        Assert.Equal(cm.Concepts.Length, cm.Concepts.Select(c => c.Code).Distinct().Count());
        Assert.True(cm.Subsumes(cm.Find("A00-B99")!, cm.Find("A00.0")!));
    }

    [Fact]
    public void GivenThePcsOrderFile_WhenRead_ThenTablesAreHeadersOverTheirCodes()
    {
        var pcs = indexes.Pcs2026;
        Assert.Equal(Icd10Pcs.Url, pcs.Url);
        Assert.Equal(80_029, pcs.Concepts.Length);
        Assert.Equal(914, pcs.Concepts.Count(c => c.IsAbstract));
        var code = pcs.Find("0016070")!;
        Assert.Equal("Bypass Cerebral Ventricle to Nasopharynx with Autologous Tissue Substitute, Open Approach", code.Display);
        Assert.Equal("001", pcs.Concepts[code.Parents.Single()].Code);
        Assert.Equal(914, pcs.Roots.Length);
    }
}
