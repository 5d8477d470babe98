using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Import.Loinc;

namespace TerminologyServer.Import.Tests;

public sealed class LoincIndex
{
    public static string Folder => SharedData.Path("tx-source/loinc");

    public ImportedCodeSystem Source { get; } = Loinc.Loinc.Open(Folder);

    public CodeSystemIndex Index { get; }

    public LoincIndex() => Index = Source.ToIndex();
}

public sealed class LoincReaderTests(LoincIndex fixture) : IClassFixture<LoincIndex>
{
    private CodeSystemIndex L => fixture.Index;

    [Fact]
    public void GivenTheTestSubset_WhenRead_ThenTermsPartsListsAndAnswersEqualTheFiles()
    {
        // 322 rows of Loinc.csv, 147 of Part.csv, 3 hierarchy nodes in neither, 3 answer lists with 8 answers.
        Assert.Equal(322, L.Concepts.Count(c => char.IsAsciiDigit(c.Code[0])));
        Assert.Equal(147 + 3, L.Concepts.Count(c => c.Code.StartsWith("LP", StringComparison.Ordinal)));
        Assert.Equal(3, L.Concepts.Count(c => c.Code.StartsWith("LL", StringComparison.Ordinal)));
        Assert.Equal(8, L.Concepts.Count(c => c.Code.StartsWith("LA", StringComparison.Ordinal)));
        Assert.Equal(322 + 150 + 3 + 8, L.Concepts.Length);
        Assert.Equal("2.79", L.Version); // the highest VersionLastChanged of the subset
        Assert.False(L.Info.CaseSensitive);

        // One row per term in each of the 19 linguistic variant files: 4,121 (term, language) pairs.
        Assert.Equal(4121, L.Concepts.Sum(c => c.Designations.Where(d => d.Language != "en-US").Select(d => d.Language).Distinct().Count()));
    }

    [Fact]
    public void GivenATerm_WhenRead_ThenDisplayPropertiesAndDesignationsFollowHl7()
    {
        var k = L.Find("6298-4")!;
        Assert.Equal("Potassium [Moles/volume] in Blood", k.Display);
        var component = k.PropertiesNamed("COMPONENT").Single();
        Assert.Equal((PropertyType.Coding, "LP15098-4", Loinc.Loinc.Url, "Potassium"), (component.Type, component.Value, component.System, component.Display));
        Assert.Equal("ACTIVE", k.PropertiesNamed("STATUS").Single().Value);
        Assert.Equal("1", k.PropertiesNamed("CLASSTYPE").Single().Value);
        Assert.Contains(k.Designations, d => d.Language == "en-US" && d.Use == Loinc.Loinc.ShortNameUse && d.Value == "Potassium Bld-sCnc");
        Assert.Contains(k.Designations, d => d.Language == "en-US" && d.Use == Loinc.Loinc.ConsumerNameUse);
        Assert.Equal("Kalium [Mol/Volumen] in Blut", k.Designations.First(d => d.Language == "de-DE").Value);
        Assert.Contains(k.Parents, p => L.Concepts[p].Code == "LP386601-1");
        Assert.Equal("en-US", L.Info.Language);
    }

    [Fact]
    public void GivenTheHierarchy_WhenRead_ThenImmediateParentsBecomeParentLinks()
    {
        // LP14355-9 is listed twice (under two paths) with the same immediate parent: one parent link, not two.
        Assert.Equal(["LP31398-8"], L.Find("LP14355-9")!.Parents.Select(p => L.Concepts[p].Code));
        Assert.Equal(["LP7786-9"], L.Find("LP31398-8")!.Parents.Select(p => L.Concepts[p].Code));
        var root = L.Find("LP432695-7")!;
        Assert.Equal("{component}", root.Display);
        Assert.True(L.Subsumes(root, L.Find("595-9")!));
        Assert.Equal("COMPONENT", L.Find("LP15098-4")!.PropertiesNamed("PartTypeName").Single().Value);
    }

    [Fact]
    public void GivenDeprecatedTerms_WhenRead_ThenTheyAreInactiveAndDiscouragedOnesAreNot()
    {
        Assert.Equal(7, L.Concepts.Count(c => c.IsInactive));
        Assert.True(L.Find("10550-2")!.IsInactive);
        Assert.False(L.Find("22760-3")!.IsInactive);
        Assert.Equal("DISCOURAGED", L.Find("22760-3")!.PropertiesNamed("STATUS").Single().Value);
    }

    [Fact]
    public void GivenAnswerLists_WhenRead_ThenListsCarryTheirAnswersInOrderAndTermsTheirLists()
    {
        var list = L.Find("LL6136-7")!;
        Assert.Equal(["LA32971-6", "LA32972-4", "LA9040-2", "LA10105-7"], list.PropertiesNamed("answer").Select(p => p.Value));
        Assert.Equal("Positive", L.Find("LA6576-8")!.Display);
        Assert.Equal("LL360-9", L.Find("100041-3")!.PropertiesNamed("answer-list").Single().Value);
    }

    [Fact]
    public void GivenCodeListColumns_WhenRead_ThenEachCodeIsACoding()
    {
        Assert.Equal(["81216-4", "72225-6", "81243-8"], L.Find("15507-7")!.PropertiesNamed("AssociatedObservations").Select(p => p.Value));
    }

    [Fact]
    public void GivenTheSameFolder_WhenOpenedTwice_ThenTheSourceHashIsEqual()
    {
        Assert.Equal(fixture.Source.SourceHash, Loinc.Loinc.Open(LoincIndex.Folder).SourceHash);
        Assert.NotEqual(fixture.Source.SourceHash, Loinc.Loinc.Open(LoincIndex.Folder, "2.80").SourceHash);
    }
}
