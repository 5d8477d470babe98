using Hl7.Fhir.Model;
using TerminologyServer.Engine.Closures;
using TerminologyServer.Engine.Subsumes;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Closures;

public class ClosureServiceTests
{
    private static readonly ClosureService Service = new(new SubsumptionService());

    private static ClosureTable Apply(ClosureTable table, ClosureUpdate update) =>
        table with { Version = update.Version, Concepts = [.. table.Concepts, .. update.Concepts], Entries = [.. table.Entries, .. update.Entries] };

    private static string[] Rows(IEnumerable<ClosureEntry> entries) =>
        entries.Select(e => $"{e.Code} {(e.Equivalence == ConceptMapEquivalence.Subsumes ? "subsumes" : "specializes")} {e.TargetCode}").Order().ToArray();

    [Fact]
    public void GivenANewTable_WhenConceptsAreAdded_ThenOnlyTheirSubsumptionRowsComeBackAtTheNextVersion()
    {
        var table = ClosureTable.Initial("pets");
        var update = Service.AddConcepts(table, [new Coding(Animals, "dog"), new Coding(Animals, "mammal"), new Coding(Animals, "plant")], Registry());

        Assert.Equal(2, update.Version);
        Assert.Equal(["dog", "mammal", "plant"], update.Concepts.Select(c => c.Code));
        // mammal was added after dog: the row starts at mammal, and dog is-a mammal reads "target specializes source".
        Assert.Equal(["mammal specializes dog"], Rows(update.Entries));
        Assert.All(update.Entries, e => Assert.Equal(2, e.AddedIn));
    }

    [Fact]
    public void GivenATableWithConcepts_WhenMoreAreAdded_ThenTheRowsRelateThemToEveryEarlierConceptOnly()
    {
        var registry = Registry();
        var table = Apply(ClosureTable.Initial("pets"), Service.AddConcepts(ClosureTable.Initial("pets"), [new Coding(Animals, "dog"), new Coding(Animals, "mammal")], registry));

        var update = Service.AddConcepts(table, [new Coding(Animals, "animal"), new Coding(Animals, "cat")], registry);

        Assert.Equal(3, update.Version);
        Assert.Equal(["animal specializes dog", "animal specializes mammal", "cat subsumes animal", "cat subsumes mammal"], Rows(update.Entries));
        Assert.DoesNotContain(update.Entries, e => e.Code == "mammal" && e.TargetCode == "dog");
    }

    [Fact]
    public void GivenConceptsAlreadyInTheTable_WhenAddedAgain_ThenNothingIsNewAndTheVersionStays()
    {
        var registry = Registry();
        var table = Apply(ClosureTable.Initial("pets"), Service.AddConcepts(ClosureTable.Initial("pets"), [new Coding(Animals, "dog"), new Coding(Animals, "mammal")], registry));

        var update = Service.AddConcepts(table, [new Coding(Animals, "dog"), new Coding(Animals, "dog")], registry);

        Assert.True(update.IsEmpty);
        Assert.Equal(table.Version, update.Version);
        Assert.Empty(update.Entries);
    }

    [Fact]
    public void GivenConceptsOfTwoSystems_WhenAdded_ThenNoRowCrossesSystems()
    {
        var update = Service.AddConcepts(ClosureTable.Initial("mixed"), [new Coding(Animals, "animal"), new Coding(Colours, "red"), new Coding(Animals, "bird")], Registry());

        Assert.Equal(["bird subsumes animal"], Rows(update.Entries));
        Assert.All(update.Entries, e => Assert.Equal(Animals, e.System));
    }

    [Fact]
    public void GivenAnUnknownCode_WhenAdded_ThenNotFoundNamingItAndNothingIsAdded()
    {
        var ex = Assert.Throws<TerminologyException>(() =>
            Service.AddConcepts(ClosureTable.Initial("pets"), [new Coding(Animals, "dog"), new Coding(Animals, "unicorn")], Registry()));

        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
        Assert.Contains("unicorn", ex.Message);
    }

    [Fact]
    public void GivenAnUnknownSystem_WhenAdded_ThenNotFoundNamingIt()
    {
        var ex = Assert.Throws<TerminologyException>(() =>
            Service.AddConcepts(ClosureTable.Initial("pets"), [new Coding("http://example.org/cs/nope", "a")], Registry()));

        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
        Assert.Contains("http://example.org/cs/nope", ex.Message);
    }

    [Theory]
    [InlineData(null, "dog")]
    [InlineData(Animals, null)]
    [InlineData("", "dog")]
    public void GivenACodingWithoutSystemOrCode_WhenAdded_ThenInvalid(string? system, string? code)
    {
        var ex = Assert.Throws<TerminologyException>(() =>
            Service.AddConcepts(ClosureTable.Initial("pets"), [new Coding { System = system, Code = code }], Registry()));

        Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
        Assert.Equal("CLOSURE_INCOMPLETE_CONCEPT", ex.MessageId);
    }

    [Fact]
    public void GivenMoreConceptsThanACallMayCarry_WhenAdded_ThenTooCostly()
    {
        var small = new ClosureService(new SubsumptionService()) { MaxConceptsPerCall = 2 };

        var ex = Assert.Throws<TerminologyException>(() => small.AddConcepts(
            ClosureTable.Initial("pets"), [new Coding(Animals, "dog"), new Coding(Animals, "cat"), new Coding(Animals, "bird")], Registry()));

        Assert.Equal(OperationOutcome.IssueType.TooCostly, ex.IssueType);
    }

    [Fact]
    public void GivenAFullTable_WhenMoreAreAdded_ThenTooCostly()
    {
        var small = new ClosureService(new SubsumptionService()) { MaxConceptsPerTable = 2 };
        var table = Apply(ClosureTable.Initial("pets"), small.AddConcepts(ClosureTable.Initial("pets"), [new Coding(Animals, "dog"), new Coding(Animals, "cat")], Registry()));

        var ex = Assert.Throws<TerminologyException>(() => small.AddConcepts(table, [new Coding(Animals, "bird")], Registry()));

        Assert.Equal("CLOSURE_TABLE_FULL", ex.MessageId);
    }

    [Fact]
    public void GivenThreeVersions_WhenResynchronisedFromOne_ThenEveryRowSinceThenComesBack()
    {
        var registry = Registry();
        var v1 = ClosureTable.Initial("pets");
        var v2 = Apply(v1, Service.AddConcepts(v1, [new Coding(Animals, "dog"), new Coding(Animals, "mammal")], registry));
        var v3 = Apply(v2, Service.AddConcepts(v2, [new Coding(Animals, "animal")], registry));

        Assert.Equal(["animal specializes dog", "animal specializes mammal", "mammal specializes dog"], Rows(ClosureService.Since(v3, "1")));
        Assert.Equal(["animal specializes dog", "animal specializes mammal"], Rows(ClosureService.Since(v3, "2")));
        Assert.Equal(Rows(ClosureService.Since(v3, "1")), Rows(ClosureService.Since(v3, "0")));
        Assert.Empty(ClosureService.Since(v3, "3"));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("two")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void GivenAVersionNeverSentOrNotANumber_WhenResynchronised_ThenInvalid(string version)
    {
        var table = new ClosureTable("pets", 3, [], []);

        var ex = Assert.Throws<TerminologyException>(() => ClosureService.Since(table, version));

        Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenNoName_WhenChecked_ThenInvalid(string? name)
    {
        Assert.Equal("CLOSURE_NO_NAME", Assert.Throws<TerminologyException>(() => ClosureService.CheckName(name)).MessageId);
    }

    [Fact]
    public void GivenANameTooLong_WhenChecked_ThenInvalid()
    {
        Assert.Equal("CLOSURE_NAME_TOO_LONG", Assert.Throws<TerminologyException>(() => ClosureService.CheckName(new string('x', 257))).MessageId);
    }

    [Fact]
    public void GivenRows_WhenWrittenAsAConceptMap_ThenOneGroupPerSystemAndOneElementPerSourceCode()
    {
        ClosureEntry[] entries =
        [
            new(Animals, "dog", "mammal", ConceptMapEquivalence.Subsumes, 2),
            new(Animals, "dog", "animal", ConceptMapEquivalence.Subsumes, 2),
            new(Colours, "red", "colour", ConceptMapEquivalence.Subsumes, 2),
        ];

        var map = ClosureService.ToConceptMap("pets", 2, entries, new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal("2", map.Version);
        Assert.Equal(PublicationStatus.Active, map.Status);
        Assert.Equal([Animals, Colours], map.Group.Select(g => g.Source));
        Assert.All(map.Group, g => Assert.Equal(g.Source, g.Target));
        var dog = Assert.Single(map.Group[0].Element);
        Assert.Equal(["mammal", "animal"], dog.Target.Select(t => t.Code));
        Assert.All(dog.Target, t => Assert.Equal(ConceptMapEquivalence.Subsumes, t.Equivalence));
        Assert.Empty(ClosureService.ToConceptMap("pets", 1, [], DateTimeOffset.UnixEpoch).Group);
    }
}
