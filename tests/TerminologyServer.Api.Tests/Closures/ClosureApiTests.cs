using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Tests.Closures;

/// <summary><c>POST [base]/$closure</c> over HTTP on a real database: initialise, add, resynchronise, bad input.</summary>
public abstract class ClosureApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    public const string Shapes = "http://example.org/cs/closure-shapes";

    protected TFixture Fixture { get; } = fixture;

    /// <summary>shape > polygon > triangle, square; shape > round > circle; colour (no relation).</summary>
    public static CodeSystem ShapesCodeSystem()
    {
        var cs = new CodeSystem
        {
            Id = "closure-shapes", Url = Shapes, Version = "1", Name = "ClosureShapes", Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Complete, HierarchyMeaning = CodeSystem.CodeSystemHierarchyMeaning.IsA,
        };
        var polygon = new CodeSystem.ConceptDefinitionComponent { Code = "polygon", Display = "Polygon" };
        polygon.Concept.AddRange([new() { Code = "triangle", Display = "Triangle" }, new() { Code = "square", Display = "Square" }]);
        var round = new CodeSystem.ConceptDefinitionComponent { Code = "round", Display = "Round" };
        round.Concept.Add(new() { Code = "circle", Display = "Circle" });
        var shape = new CodeSystem.ConceptDefinitionComponent { Code = "shape", Display = "Shape" };
        shape.Concept.AddRange([polygon, round]);
        cs.Concept.AddRange([shape, new() { Code = "colour", Display = "Colour" }]);
        return cs;
    }

    public static Parameters Call(string? name, IEnumerable<Coding>? concepts = null, string? version = null)
    {
        var p = new Parameters();
        if (name is not null)
        {
            p.Add("name", new FhirString(name));
        }

        foreach (var c in concepts ?? [])
        {
            p.Add("concept", c);
        }

        if (version is not null)
        {
            p.Add("version", new FhirString(version));
        }

        return p;
    }

    public static Coding Shape(string code) => new(Shapes, code);

    /// <summary>The rows of a closure answer as "code equivalence target".</summary>
    public static string[] Rows(ConceptMap map) =>
        map.Group.SelectMany(g => g.Element.SelectMany(e => e.Target.Select(t => $"{e.Code} {t.Equivalence?.ToString().ToLowerInvariant()} {t.Code}"))).Order().ToArray();

    public static async Task<ConceptMap> OkAsync(HttpClient client, Parameters call)
    {
        var response = await client.PostAsync("/fhir/$closure", Wire.JsonBody(call));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Wire.ReadAsync<ConceptMap>(response);
    }

    private async Task EnsureShapesAsync()
    {
        var response = await Fixture.Writer.PutAsync("/fhir/CodeSystem/closure-shapes", Wire.JsonBody(ShapesCodeSystem()));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string NewName() => "test-" + Guid.NewGuid().ToString("N");

    [SkippableFact]
    public async Task GivenANewName_WhenInitialised_ThenAnEmptyConceptMapAtVersionOne()
    {
        Fixture.SkipIfUnavailable();
        var map = await OkAsync(Fixture.Client, Call(NewName()));
        Assert.Equal("1", map.Version);
        Assert.Empty(map.Group);
        Assert.Equal(PublicationStatus.Active, map.Status);
    }

    [SkippableFact]
    public async Task GivenAnInitialisedName_WhenInitialisedAgain_ThenConflict()
    {
        Fixture.SkipIfUnavailable();
        var name = NewName();
        await OkAsync(Fixture.Client, Call(name));
        var again = await Fixture.Client.PostAsync("/fhir/$closure", Wire.JsonBody(Call(name)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(name, (await Wire.ReadOutcomeAsync(again)).Issue[0].Diagnostics);
    }

    [SkippableFact]
    public async Task GivenConceptsAddedInTwoCalls_ThenEachAnswerHoldsOnlyTheNewRowsAndResyncGivesEverythingSince()
    {
        Fixture.SkipIfUnavailable();
        await EnsureShapesAsync();
        var name = NewName();
        await OkAsync(Fixture.Client, Call(name));

        var v2 = await OkAsync(Fixture.Client, Call(name, [Shape("triangle"), Shape("polygon"), Shape("colour")]));
        Assert.Equal("2", v2.Version);
        Assert.Equal(["polygon specializes triangle"], Rows(v2));
        Assert.Equal(Shapes, Assert.Single(v2.Group).Source);
        Assert.Equal(Shapes, v2.Group[0].Target);

        var v3 = await OkAsync(Fixture.Client, Call(name, [Shape("shape"), Shape("triangle"), Shape("circle")]));
        Assert.Equal("3", v3.Version);
        Assert.Equal(["circle subsumes shape", "shape specializes polygon", "shape specializes triangle"], Rows(v3));

        var since1 = await OkAsync(Fixture.Client, Call(name, version: "1"));
        Assert.Equal("3", since1.Version);
        Assert.Equal([.. Rows(v2).Concat(Rows(v3)).Order()], Rows(since1));
        Assert.Equal(Rows(v3), Rows(await OkAsync(Fixture.Client, Call(name, version: "2"))));
        Assert.Empty((await OkAsync(Fixture.Client, Call(name, version: "3"))).Group);

        var nothingNew = await OkAsync(Fixture.Client, Call(name, [Shape("circle")]));
        Assert.Equal("3", nothingNew.Version);
        Assert.Empty(nothingNew.Group);
    }

    [SkippableFact]
    public async Task GivenParallelCallsOnOneClosure_ThenEachGetsItsOwnVersionAndNoRowIsLostOrSentTwice()
    {
        Fixture.SkipIfUnavailable();
        await EnsureShapesAsync();
        var name = NewName();
        await OkAsync(Fixture.Client, Call(name));
        string[] codes = ["shape", "polygon", "triangle", "square", "round", "circle"];

        var answers = await Task.WhenAll(codes.Select(c => OkAsync(Fixture.Client, Call(name, [Shape(c)]))));

        Assert.Equal(["2", "3", "4", "5", "6", "7"], answers.Select(a => a.Version).Order());
        var all = answers.SelectMany(Rows).Order().ToArray();
        Assert.Equal(all.Distinct().Count(), all.Length);
        Assert.Equal(Rows(await OkAsync(Fixture.Client, Call(name, version: "1"))), all);
        // Every is-a pair among the six appears once, whichever came first: 5 under shape, 2 under polygon, 1 under round.
        Assert.Equal(8, all.Length);
    }

    [SkippableFact]
    public async Task GivenCptExpressions_WhenAdded_ThenTheGrammarSystemsSubsumptionAnswers()
    {
        Fixture.SkipIfUnavailable();
        const string cpt = "http://www.ama-assn.org/go/cpt";
        var name = NewName();
        await OkAsync(Fixture.Client, Call(name));
        var subsumes = await Fixture.Client.GetAsync($"/fhir/CodeSystem/$subsumes?system={cpt}&codeA=62321&codeB={Uri.EscapeDataString("62321:50")}");
        var expected = (await Wire.ReadAsync<Parameters>(subsumes)).Value("outcome");

        var map = await OkAsync(Fixture.Client, Call(name, [new Coding(cpt, "62321"), new Coding(cpt, "62321:50")]));

        Assert.Equal(expected == "subsumes" ? ["62321:50 subsumes 62321"] : [], Rows(map));
    }

    [SkippableFact]
    public async Task GivenAnUnknownClosure_WhenConceptsOrAVersionAreSent_ThenNotFound()
    {
        Fixture.SkipIfUnavailable();
        foreach (var call in new[] { Call(NewName(), [Shape("shape")]), Call(NewName(), version: "1") })
        {
            var response = await Fixture.Client.PostAsync("/fhir/$closure", Wire.JsonBody(call));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("initialise", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics);
        }
    }

    [SkippableFact]
    public async Task GivenAnUnknownCodeAmongOthers_WhenAdded_ThenNotFoundNamingItAndNothingWasAdded()
    {
        Fixture.SkipIfUnavailable();
        await EnsureShapesAsync();
        var name = NewName();
        await OkAsync(Fixture.Client, Call(name));

        var response = await Fixture.Client.PostAsync("/fhir/$closure", Wire.JsonBody(Call(name, [Shape("polygon"), Shape("hexagon-ish")])));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("hexagon-ish", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics);
        var unknownSystem = await Fixture.Client.PostAsync("/fhir/$closure", Wire.JsonBody(Call(name, [new Coding("http://example.org/no-such-system", "x")])));
        Assert.Equal(HttpStatusCode.NotFound, unknownSystem.StatusCode);
        Assert.Contains("http://example.org/no-such-system", (await Wire.ReadOutcomeAsync(unknownSystem)).Issue[0].Diagnostics);

        // The refused call stored nothing: the closure is still at version 1 and polygon comes in as new.
        Assert.Equal("1", (await OkAsync(Fixture.Client, Call(name, version: "0"))).Version);
        Assert.Equal(["triangle subsumes polygon"], Rows(await OkAsync(Fixture.Client, Call(name, [Shape("polygon"), Shape("triangle")]))));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "no name", """{"resourceType":"Parameters","parameter":[{"name":"concept","valueCoding":{"system":"http://example.org/cs/closure-shapes","code":"shape"}}]}""" },
        { "blank name", """{"resourceType":"Parameters","parameter":[{"name":"name","valueString":"  "}]}""" },
        { "two names", """{"resourceType":"Parameters","parameter":[{"name":"name","valueString":"a"},{"name":"name","valueString":"b"}]}""" },
        { "concept not a Coding", """{"resourceType":"Parameters","parameter":[{"name":"name","valueString":"bad-1"},{"name":"concept","valueInteger":3}]}""" },
        { "coding without code", """{"resourceType":"Parameters","parameter":[{"name":"name","valueString":"bad-2"},{"name":"concept","valueCoding":{"system":"http://example.org/cs/closure-shapes"}}]}""" },
        { "version and concepts", """{"resourceType":"Parameters","parameter":[{"name":"name","valueString":"bad-3"},{"name":"version","valueString":"1"},{"name":"concept","valueCoding":{"system":"http://example.org/cs/closure-shapes","code":"shape"}}]}""" },
        { "not Parameters", """{"resourceType":"ValueSet","status":"active"}""" },
        { "not JSON", """{"resourceType":"Parameters", """ },
    };

    [SkippableTheory]
    [MemberData(nameof(BadBodies))]
    public async Task GivenBadInput_WhenCalled_ThenBadRequestWithAnOperationOutcome(string why, string body)
    {
        Fixture.SkipIfUnavailable();
        var response = await Fixture.Client.PostAsync("/fhir/$closure", Wire.Raw(body, Wire.Json));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.NotEmpty((await Wire.ReadOutcomeAsync(response)).Issue);
    }

    [SkippableTheory]
    [InlineData("seven")]
    [InlineData("99")]
    public async Task GivenAVersionNeverSent_WhenResynchronised_ThenBadRequest(string version)
    {
        Fixture.SkipIfUnavailable();
        var name = NewName();
        await OkAsync(Fixture.Client, Call(name));
        var response = await Fixture.Client.PostAsync("/fhir/$closure", Wire.JsonBody(Call(name, version: version)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(version, (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics);
    }

    [SkippableFact]
    public async Task GivenAGet_WhenCalled_ThenNotAllowed()
    {
        Fixture.SkipIfUnavailable();
        var response = await Fixture.Client.GetAsync("/fhir/$closure?name=x");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [SkippableFact]
    public async Task GivenTheCapabilityStatement_ThenItListsClosureAtSystemLevelOnly()
    {
        Fixture.SkipIfUnavailable();
        var cs = await Wire.ReadAsync<CapabilityStatement>(await Fixture.Client.GetAsync("/fhir/metadata"));
        var op = Assert.Single(cs.Rest[0].Operation, o => o.Name == "closure");
        Assert.Equal("http://hl7.org/fhir/OperationDefinition/ConceptMap-closure", op.Definition);
        Assert.DoesNotContain(cs.Rest[0].Resource.SelectMany(r => r.Operation), o => o.Name == "closure");
    }

    /// <summary>A database of its own for <see cref="GivenAClosure_WhenTheServerRestarts_ThenItsVersionAndRowsAreKept"/>, and how to drop it.</summary>
    protected abstract Task<(Dictionary<string, string?> Settings, Func<Task> Drop)> OwnDatabaseAsync();

    [SkippableFact]
    public async Task GivenAClosure_WhenTheServerRestarts_ThenItsVersionAndRowsAreKept()
    {
        Fixture.SkipIfUnavailable();
        var (settings, drop) = await OwnDatabaseAsync();
        try
        {
            var name = NewName();
            string[] before;
            await using (var first = new ApiFactory(settings))
            {
                var writer = first.CreateClient();
                writer.DefaultRequestHeaders.Authorization = new("Bearer", TestDatabases.TestApiKey);
                Assert.True((await writer.PutAsync("/fhir/CodeSystem/closure-shapes", Wire.JsonBody(ShapesCodeSystem()))).IsSuccessStatusCode);
                await OkAsync(writer, Call(name));
                before = Rows(await OkAsync(writer, Call(name, [Shape("square"), Shape("shape")])));
            }

            await using var second = new ApiFactory(settings);
            var client = second.CreateClient();
            var resync = await OkAsync(client, Call(name, version: "0"));
            Assert.Equal("2", resync.Version);
            Assert.Equal(["shape specializes square"], before);
            Assert.Equal(before, Rows(resync));
            // The table goes on from where it was: square and shape are known, polygon relates to both.
            var next = await OkAsync(client, Call(name, [Shape("polygon"), Shape("square")]));
            Assert.Equal("3", next.Version);
            Assert.Equal(["polygon specializes square", "polygon subsumes shape"], Rows(next));
        }
        finally
        {
            await drop();
        }
    }
}

public sealed class SqliteClosureApiTests(SqliteFixture fixture) : ClosureApiTests<SqliteFixture>(fixture)
{
    protected override async Task<(Dictionary<string, string?> Settings, Func<Task> Drop)> OwnDatabaseAsync() =>
        (await TestDatabases.NewSqliteAsync(), () => Task.CompletedTask);
}

public sealed class PostgresClosureApiTests(PostgresFixture fixture) : ClosureApiTests<PostgresFixture>(fixture)
{
    protected override async Task<(Dictionary<string, string?> Settings, Func<Task> Drop)> OwnDatabaseAsync()
    {
        var (settings, database, unavailable) = await TestDatabases.TryNewPostgresAsync();
        Skip.If(settings is null, unavailable);
        return (settings!, () => TestDatabases.DropPostgresAsync(database!));
    }
}
