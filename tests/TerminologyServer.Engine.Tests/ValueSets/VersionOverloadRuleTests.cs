using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.ValueSets;

/// <summary>
/// One value set over several versions of one code system (docs/conformance.md, "Several versions"): the order
/// members are listed in, when two versions' codes merge, and what an exclude of one version removes. The two
/// versions are "9.2" and "10.0" so that a string comparison of versions would get "newest" wrong.
/// </summary>
public class VersionOverloadRuleTests
{
    private const string Planets = "http://example.org/cs/planets";
    private const string Moons = "http://example.org/cs/moons";

    /// <summary>9.2: mercury, venus, pluto. 10.0: mercury, venus (new display), ceres.</summary>
    private static CodeSystemRegistry Versions() => Registry(
        Planets92(),
        System(Planets, "10.0", ("mercury", "Mercury"), ("venus", "Venus, the evening star"), ("ceres", "Ceres")),
        System(Moons, "1", ("venus", "Not a planet"), ("titan", "Titan")));

    private static CodeSystem Planets92() => System(Planets, "9.2", ("mercury", "Mercury"), ("venus", "Venus"), ("pluto", "Pluto"));

    private static CodeSystem System(string url, string version, params (string Code, string Display)[] concepts)
    {
        var cs = new CodeSystem { Url = url, Version = version, Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete, CaseSensitive = true };
        cs.Concept.AddRange(concepts.Select(c => new CodeSystem.ConceptDefinitionComponent { Code = c.Code, Display = c.Display }));
        return cs;
    }

    private static ValueSet.ConceptSetComponent Part(string? version, params string[] codes)
    {
        var part = Include(Planets, codes);
        part.Version = version;
        return part;
    }

    private static ValueSet Expand(ValueSet vs) =>
        new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), Versions());

    private static string[] Members(ValueSet expanded) =>
        expanded.Expansion!.Contains.Select(c => $"{c.Code}@{c.Version}").ToArray();

    private static void StateVersionsMatch(ValueSet vs, string value)
    {
        var parameter = new Extension { Url = "http://hl7.org/fhir/StructureDefinition/valueset-expansion-parameter" };
        parameter.Extension.Add(new Extension("name", new Code("versionsMatch")));
        parameter.Extension.Add(new Extension("value", new FhirString(value)));
        vs.Compose!.Extension.Add(parameter);
    }

    private static bool EchoesVersionsMatch(ValueSet expanded) => expanded.Expansion!.Parameter.Any(p => p.Name == "versionsMatch");

    [Fact]
    public void GivenTwoVersionedIncludesOldestFirst_WhenExpanding_ThenTheNewestIsListedFirstAndEachVersionKeepsItsCodes()
    {
        var expanded = Expand(ValueSet("http://example.org/vs/both", Part("9.2"), Part("10.0")));

        Assert.Equal(["mercury@10.0", "venus@10.0", "ceres@10.0", "mercury@9.2", "venus@9.2", "pluto@9.2"], Members(expanded));
        Assert.Equal(6, expanded.Expansion!.Total);
        Assert.Equal("Venus, the evening star", expanded.Expansion.Contains[1].Display);
        Assert.Equal("Venus", expanded.Expansion.Contains[4].Display);
        Assert.False(EchoesVersionsMatch(expanded));
    }

    [Fact]
    public void GivenAVersionedIncludeThenAnUnversionedOne_WhenExpanding_ThenTheIncludeOrderIsKept()
    {
        // The unversioned include takes the latest version (10.0); only includes that both name a version are reordered.
        var expanded = Expand(ValueSet("http://example.org/vs/mixed", Part("9.2"), Part(null)));

        Assert.Equal(["mercury@9.2", "venus@9.2", "pluto@9.2", "mercury@10.0", "venus@10.0", "ceres@10.0"], Members(expanded));
    }

    [Fact]
    public void GivenListedCodesOfTwoVersions_WhenExpanding_ThenEachCodeComesFromTheVersionOfItsInclude()
    {
        var expanded = Expand(ValueSet("http://example.org/vs/picked", Part("9.2", "pluto", "venus"), Part("10.0", "ceres")));

        Assert.Equal(["ceres@10.0", "pluto@9.2", "venus@9.2"], Members(expanded));
    }

    [Fact]
    public void GivenVersionsStatedToMatch_WhenExpanding_ThenASharedCodeIsOneMemberTakenFromTheNewestVersion()
    {
        var vs = ValueSet("http://example.org/vs/merged", Part("9.2"), Part("10.0"));
        StateVersionsMatch(vs, "true");

        var expanded = Expand(vs);

        Assert.Equal(["mercury@10.0", "venus@10.0", "ceres@10.0", "pluto@9.2"], Members(expanded));
        Assert.Equal(4, expanded.Expansion!.Total);
        Assert.True(EchoesVersionsMatch(expanded));
    }

    [Fact]
    public void GivenAnExcludeListingACodeOfOneVersion_WhenBothVersionsAreIncluded_ThenOnlyThatVersionLosesIt()
    {
        var vs = ValueSet("http://example.org/vs/minus-old-venus", Part("9.2"), Part("10.0"));
        vs.Compose!.Exclude.Add(Part("9.2", "venus"));

        var expanded = Expand(vs);

        Assert.Equal(["mercury@10.0", "venus@10.0", "ceres@10.0", "mercury@9.2", "pluto@9.2"], Members(expanded));
        Assert.Equal(5, expanded.Expansion!.Total);
        Assert.False(EchoesVersionsMatch(expanded));
    }

    [Fact]
    public void GivenAnUnversionedExclude_WhenBothVersionsAreIncluded_ThenItRemovesTheCodeOfTheLatestVersionOnly()
    {
        var vs = ValueSet("http://example.org/vs/minus-mercury", Part("10.0"), Part("9.2"));
        vs.Compose!.Exclude.Add(Part(null, "mercury"));

        Assert.Equal(["venus@10.0", "ceres@10.0", "mercury@9.2", "venus@9.2", "pluto@9.2"], Members(Expand(vs)));
    }

    [Fact]
    public void GivenVersionsStatedToMatch_WhenAnExcludeListsACodeOfOneVersion_ThenEveryVersionLosesIt()
    {
        var vs = ValueSet("http://example.org/vs/minus-venus-everywhere", Part("9.2"), Part("10.0"));
        vs.Compose!.Exclude.Add(Part("9.2", "venus"));
        StateVersionsMatch(vs, "true");

        Assert.Equal(["mercury@10.0", "ceres@10.0", "pluto@9.2"], Members(Expand(vs)));
    }

    [Fact]
    public void GivenAnExcludeListingCodesOfAnotherSystemOrCodesItsVersionLacks_WhenExpanding_ThenNothingElseIsRemoved()
    {
        var vs = ValueSet("http://example.org/vs/untouched", Part("9.2"));
        vs.Compose!.Exclude.Add(Include(Moons, "venus"));
        vs.Compose.Exclude.Add(Part("9.2", "ceres"));

        var expanded = Expand(vs);

        Assert.Equal(["mercury", "venus", "pluto"], Codes(expanded));
    }

    [Fact]
    public void GivenAnIncludeOfOneVersionAndAnExcludeOfAnother_WhenExpanding_ThenTheCodesTheNewVersionAddedRemain()
    {
        // A "diff" of versions: every include and exclude names the system with a version, none the same.
        var vs = ValueSet("http://example.org/vs/new-in-10", Part("10.0"));
        vs.Compose!.Exclude.Add(Part("9.2"));

        var diff = Expand(vs);
        Assert.Equal(["ceres@10.0"], Members(diff));
        Assert.True(EchoesVersionsMatch(diff));

        StateVersionsMatch(vs, "false");
        Assert.Equal(["mercury@10.0", "venus@10.0", "ceres@10.0"], Members(Expand(vs)));
    }

    [Fact]
    public void GivenTheLatestVersionsCodeIsExcluded_WhenValidatingWithoutAVersion_ThenTheOlderVersionStillHoldsIt()
    {
        var vs = ValueSet("http://example.org/vs/old-venus-only", Part("9.2"), Part("10.0"));
        vs.Compose!.Exclude.Add(Part("10.0", "venus"));

        var result = new ValueSetValidator().ValidateCode(
            new ValidateCodeRequest { ValueSet = vs, System = Planets, Code = "venus" }, VsRegistry(), Versions());

        Assert.True(result.Result);
        Assert.Equal("9.2", result.Version);
    }
}
