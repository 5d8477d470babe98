using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.ValueSets;
using FhirCanonical = Hl7.Fhir.Model.Canonical;
using Task = System.Threading.Tasks.Task;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Expand;

public class ValueSetExpanderTests
{
    private static readonly ValueSetExpander Expander = new();

    private static ValueSet Expand(ValueSet vs, ExpansionRequest? request = null, IValueSetProvider? valueSets = null, ICodeSystemProvider? codeSystems = null) =>
        Expander.Expand((request ?? new ExpansionRequest()) with { ValueSet = vs }, valueSets ?? VsRegistry(), codeSystems ?? Registry());

    [Fact]
    public void GivenAWholeHierarchicalSystem_WhenExpanding_ThenContainsIsNestedLikeTheCodeSystem()
    {
        var result = Expand(ValueSet("http://example.org/vs/all", new ValueSet.ConceptSetComponent { System = Animals }));

        Assert.Equal(9, result.Expansion!.Total);
        Assert.Equal(["animal", "plant"], result.Expansion.Contains.Select(c => c.Code));
        var animal = result.Expansion.Contains[0];
        Assert.True(animal.Abstract);
        Assert.Equal(["mammal", "bird"], animal.Contains.Select(c => c.Code));
        Assert.Equal(["dog", "cat", "whale"], animal.Contains[0].Contains.Select(c => c.Code));
        Assert.True(animal.Contains[0].Contains[2].Inactive);
    }

    [Fact]
    public void GivenExcludeNested_WhenExpanding_ThenContainsIsFlatInSourceOrder()
    {
        var result = Expand(
            ValueSet("http://example.org/vs/all", new ValueSet.ConceptSetComponent { System = Animals }),
            new ExpansionRequest { ExcludeNested = true });

        Assert.Equal(["animal", "mammal", "dog", "cat", "whale", "bird", "parrot", "eagle", "plant"], result.Expansion!.Contains.Select(c => c.Code));
        Assert.All(result.Expansion.Contains, c => Assert.Empty(c.Contains));
    }

    [Fact]
    public void GivenAnIsAFilterOnAHierarchy_WhenExpanding_ThenTheSubtreeKeepsItsShape()
    {
        var result = Expand(ValueSet("http://example.org/vs/birds", Filter(Animals, "concept", "is-a", "bird")));

        var bird = Assert.Single(result.Expansion!.Contains);
        Assert.Equal("bird", bird.Code);
        Assert.Equal(["parrot", "eagle"], bird.Contains.Select(c => c.Code));
    }

    [Fact]
    public void GivenAFilterThatSkipsLevels_WhenExpanding_ThenMembersHangUnderTheirNearestMemberAncestor()
    {
        var include = Filter(Animals, "concept", "not-in", "mammal,bird");
        var result = Expand(ValueSet("http://example.org/vs/skip", include));

        var animal = result.Expansion!.Contains.Single(c => c.Code == "animal");
        Assert.Equal(["dog", "cat", "whale", "parrot", "eagle"], animal.Contains.Select(c => c.Code));
    }

    [Fact]
    public void GivenAConceptListFromAHierarchy_WhenExpanding_ThenItStaysFlatInTheListedOrder()
    {
        var result = Expand(ValueSet("http://example.org/vs/enum", Include(Animals, "dog", "animal", "mammal")));
        Assert.Equal(["dog", "animal", "mammal"], result.Expansion!.Contains.Select(c => c.Code));
    }

    [Fact]
    public void GivenAConceptList_WhenExpanding_ThenUnknownCodesAreDroppedAndTheValueSetDisplayWins()
    {
        var include = Include(Animals, "dog", "unicorn", "cat");
        include.Concept[2].Display = "Kitty";
        var result = Expand(ValueSet("http://example.org/vs/enum", include));

        Assert.Equal(["dog", "cat"], Codes(result));
        Assert.Equal(["Dog", "Kitty"], result.Expansion!.Contains.Select(c => c.Display));
        Assert.All(result.Expansion.Contains, c => Assert.Equal(Animals, c.System));
    }

    [Fact]
    public void GivenAnExclude_WhenExpanding_ThenExcludedCodesAreNotMembers()
    {
        var vs = ValueSet("http://example.org/vs/ex", Filter(Animals, "concept", "is-a", "mammal"));
        vs.Compose!.Exclude.Add(Include(Animals, "whale"));

        Assert.Equal(["mammal", "dog", "cat"], Codes(Expand(vs)));
    }

    [Fact]
    public void GivenAnIncludeWithASystemAndAnImport_WhenExpanding_ThenItIsTheIntersection()
    {
        var pets = ValueSet("http://example.org/vs/pets", Filter(Animals, "kind", "=", "pet"));
        var include = Filter(Animals, "concept", "is-a", "mammal");
        include.ValueSetElement.Add(new FhirCanonical(pets.Url));
        var result = Expand(ValueSet("http://example.org/vs/pet-mammals", include), valueSets: VsRegistry(pets));

        Assert.Equal(["dog", "cat"], Codes(result));
        Assert.Contains(result.Expansion!.Parameter, p => p.Name == "used-valueset" && p.Value?.ToString() == "http://example.org/vs/pets|1");
    }

    [Fact]
    public void GivenAnIncludeOfTwoImports_WhenExpanding_ThenOnlyCodesInBothAreMembers()
    {
        var pets = ValueSet("http://example.org/vs/pets", Filter(Animals, "kind", "=", "pet"));
        var birds = ValueSet("http://example.org/vs/birds", Filter(Animals, "concept", "is-a", "bird"));
        var include = new ValueSet.ConceptSetComponent();
        include.ValueSetElement.AddRange([new FhirCanonical(pets.Url), new FhirCanonical(birds.Url)]);

        Assert.Equal(["parrot"], Codes(Expand(ValueSet("http://example.org/vs/pet-birds", include), valueSets: VsRegistry(pets, birds))));
    }

    [Fact]
    public void GivenValueSetsThatImportEachOther_WhenExpanding_ThenTheCycleIsReported()
    {
        ValueSet Importing(string url, string other)
        {
            var include = new ValueSet.ConceptSetComponent();
            include.ValueSetElement.Add(new FhirCanonical(other));
            return ValueSet(url, include);
        }

        var a = Importing("http://example.org/vs/a", "http://example.org/vs/b");
        var b = Importing("http://example.org/vs/b", "http://example.org/vs/a");

        var ex = Assert.Throws<TerminologyException>(() => Expander.Expand(new ExpansionRequest { Url = a.Url }, VsRegistry(a, b), Registry()));
        Assert.Equal("VALUESET_CIRCULAR_REFERENCE", ex.MessageId);
        Assert.Contains("Found a circularity pointing to http://example.org/vs/a|1", ex.Message);
        Assert.Contains("http://example.org/vs/a|1 -> http://example.org/vs/b|1 -> http://example.org/vs/a|1", ex.Message);
    }

    [Fact]
    public void GivenImportsNestedTooDeep_WhenExpanding_ThenRefused()
    {
        var chain = Enumerable.Range(0, 6).Select(i =>
        {
            var include = i == 5 ? Include(Animals, "dog") : new ValueSet.ConceptSetComponent();
            if (i < 5)
            {
                include.ValueSetElement.Add(new FhirCanonical($"http://example.org/vs/chain{i + 1}"));
            }

            return ValueSet($"http://example.org/vs/chain{i}", include);
        }).ToArray();
        var shallow = new ValueSetExpander(new ValueSetEngineOptions { MaxImportDepth = 3 });

        var ex = Assert.Throws<TerminologyException>(() => shallow.Expand(new ExpansionRequest { Url = chain[0].Url }, VsRegistry(chain), Registry()));
        Assert.Equal("VALUESET_IMPORT_TOO_DEEP", ex.MessageId);
        Assert.Equal(["dog"], Codes(Expander.Expand(new ExpansionRequest { Url = chain[0].Url }, VsRegistry(chain), Registry())));
    }

    [Fact]
    public void GivenAnUnknownValueSet_WhenExpanding_ThenNotFoundNamingIt()
    {
        var ex = Assert.Throws<TerminologyException>(() => Expander.Expand(new ExpansionRequest { Url = "http://example.org/vs/nope" }, VsRegistry(), Registry()));
        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
        Assert.Contains("http://example.org/vs/nope", ex.Message);
    }

    [Fact]
    public void GivenAnUnknownImportedValueSet_WhenExpanding_ThenNotFoundNamingIt()
    {
        var include = new ValueSet.ConceptSetComponent();
        include.ValueSetElement.Add(new FhirCanonical("http://example.org/vs/missing"));
        var ex = Assert.Throws<TerminologyException>(() => Expand(ValueSet("http://example.org/vs/x", include)));
        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
        Assert.Contains("http://example.org/vs/missing", ex.Message);
    }

    [Fact]
    public void GivenAnUnknownCodeSystem_WhenExpanding_ThenNotFoundNamingIt()
    {
        var ex = Assert.Throws<TerminologyException>(() => Expand(ValueSet("http://example.org/vs/x", Include("http://example.org/cs/nope", "a"))));
        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
        Assert.Contains("http://example.org/cs/nope", ex.Message);
    }

    [Fact]
    public void GivenAUrlWithVersion_WhenExpanding_ThenThatVersionIsUsed()
    {
        var v1 = ValueSet("http://example.org/vs/v", Include(Animals, "dog"));
        var v2 = ValueSet("http://example.org/vs/v", Include(Animals, "cat"));
        v2.Version = "2";
        var registry = VsRegistry(v1, v2);

        Assert.Equal(["cat"], Codes(Expander.Expand(new ExpansionRequest { Url = v1.Url }, registry, Registry())));
        Assert.Equal(["dog"], Codes(Expander.Expand(new ExpansionRequest { Url = v1.Url, ValueSetVersion = "1" }, registry, Registry())));
        Assert.Equal(["dog"], Codes(Expander.Expand(new ExpansionRequest { Url = v1.Url + "|1" }, registry, Registry())));
    }

    [Fact]
    public void GivenAnExpansion_ThenItCarriesIdentifierTimestampAndUsedCodeSystem()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var expander = new ValueSetExpander(new ValueSetEngineOptions { Clock = clock });
        var vs = ValueSet("http://example.org/vs/enum", Include(Animals, "dog"));

        var result = expander.Expand(new ExpansionRequest { ValueSet = vs, ExcludeNested = true }, VsRegistry(), Registry());

        Assert.StartsWith("urn:uuid:", result.Expansion!.Identifier);
        Assert.Equal("2026-01-02T03:04:05+00:00", result.Expansion.TimestampElement.Value);
        Assert.Null(result.Expansion.Offset); // not paged
        Assert.Equal(
            ["excludeNested=true", $"used-codesystem={Animals}|1.0"],
            result.Expansion.Parameter.Select(p => $"{p.Name}={p.Value}"));
        Assert.Null(vs.Expansion);
        Assert.Equal(vs.Url, result.Url);
    }

    [Fact]
    public void GivenTxResourceValueSets_WhenExpanding_ThenTheRequestsOwnVersionWins()
    {
        var stored = ValueSet("http://example.org/vs/v", Include(Animals, "dog"));
        var local = ValueSet("http://example.org/vs/v", Include(Animals, "cat"));
        var layered = new LayeredValueSetProvider(VsRegistry(stored), [local]);

        Assert.Equal(["cat"], Codes(Expander.Expand(new ExpansionRequest { Url = stored.Url }, layered, Registry())));
        Assert.Single(layered.Versions(stored.Url!));
    }

    [Fact]
    public void GivenACodeSystemHeldOnlyInPart_WhenExpandingAListedCodeItDoesNotDefine_ThenTheValueSetIsTrusted()
    {
        var fragment = new CodeSystem { Url = "http://example.org/cs/frag", Version = "1", Content = CodeSystemContentMode.Fragment, Status = PublicationStatus.Active };
        fragment.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "a", Display = "A" });
        var include = Include(fragment.Url, "a", "b");
        include.Concept[1].Display = "Bee";

        var result = Expand(ValueSet("http://example.org/vs/frag", include), codeSystems: Registry(fragment));
        Assert.Equal(["A", "Bee"], result.Expansion!.Contains.Select(c => c.Display));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
