using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Snomed;

/// <summary>HL7's SNOMED CT test subset imported once by <c>POST CodeSystem/$import?kind=snomed</c> (zip body), read by the tests.</summary>
public abstract class SnomedFixture(ApiFixture api) : IAsyncLifetime
{
    public const string Edition = "http://snomed.info/xsct/31000003106/version/20250909";

    public ApiFixture Api { get; } = api;

    public Parameters ImportResult { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await Api.InitializeAsync();
        if (Api.Unavailable is not null)
        {
            return;
        }

        var zip = Path.Combine(Path.GetTempPath(), $"sct-{Guid.NewGuid():N}.zip");
        try
        {
            ZipFile.CreateFromDirectory(SharedData.Path("tx-source/snomed"), zip, CompressionLevel.Fastest, includeBaseDirectory: true);
            var request = new HttpRequestMessage(HttpMethod.Post, $"/fhir/CodeSystem/$import?kind=snomed&edition={Uri.EscapeDataString(Edition)}")
            {
                Content = new ByteArrayContent(await File.ReadAllBytesAsync(zip)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            var response = await Api.Writer.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            ImportResult = await Wire.ReadAsync<Parameters>(response);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await Api.DisposeAsync();
}

public sealed class SqliteSnomedFixture() : SnomedFixture(new SqliteFixture());

public sealed class PostgresSnomedFixture() : SnomedFixture(new PostgresFixture());

public abstract class SnomedApiTests(SnomedFixture fixture)
{
    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheEdition_WhenSearchedAndItsCodePageIsRead_ThenFsnSynonymsHierarchyAndNamedAttributesShow()
    {
        fixture.Api.SkipIfUnavailable();
        var search = await Client.GetStringAsync("/api/search?q=tendon%20repair%20hand");
        Assert.Contains("\"systemKey\":\"snomed\",\"systemName\":\"SNOMED CT\"", search, StringComparison.Ordinal);
        Assert.Contains("\"href\":\"/codes/snomed/367430006\"", search, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/codes/snomed/367430006\">", await Client.GetStringAsync("/?q=tendon+hand"), StringComparison.Ordinal);

        var page = await Client.GetStringAsync("/codes/snomed/367430006");
        Assert.Contains("<h1>Repair of tendon of hand</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Fully specified name</p><p class=\"fsn\">Repair of tendon of hand (procedure)</p>", page, StringComparison.Ordinal);
        Assert.Contains("<li>Tenoplasty of hand</li>", page, StringComparison.Ordinal);
        // Defining attributes are named by their attribute concept and link to the target.
        Assert.Contains("<dt><a href=\"/codes/snomed/260686004\">Method</a></dt><dd><a href=\"/codes/snomed/257903006\"><span class=\"c\">257903006</span> Repair - action</a></dd>", page, StringComparison.Ordinal);
        Assert.Contains(">Procedure site - Direct</a>", page, StringComparison.Ordinal);
        Assert.Contains("› <a href=\"/codes/snomed/119657005\">119657005</a></nav>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"c\">274059009</span> Hand tendon operation", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://snomed.info/sct|http", page, StringComparison.Ordinal);

        // The edition's title is its system|version; the browse page is headed by the name.
        Assert.Contains("› SNOMED CT</nav><h1>SNOMED CT</h1>", await Client.GetStringAsync("/codes/snomed"), StringComparison.Ordinal);
        var json = await Client.GetStringAsync("/api/codes/snomed/367430006");
        Assert.Contains("\"systemName\":\"SNOMED CT\"", json, StringComparison.Ordinal);
    }

    private const string Sct = "http://snomed.info/sct";

    private HttpClient Client => fixture.Api.Client;

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheSubsetImported_WhenLookedUp_ThenDisplayAttributesAndHierarchyComeFromTheEdition()
    {
        fixture.Api.SkipIfUnavailable();
        Assert.Equal("2258", fixture.ImportResult.GetSingleValue<Integer>("concepts")!.Value!.ToString());
        var p = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Sct}&code=367430006&version={Uri.EscapeDataString(SnomedFixture.Edition)}"));
        Assert.Equal("Repair of tendon of hand", p.GetSingleValue<FhirString>("display")!.Value);
        Assert.Equal(SnomedFixture.Edition, p.GetSingleValue<FhirString>("version")!.Value);
        var properties = p.Parameter.Where(x => x.Name == "property").ToList();
        Assert.Contains(properties, x => x.Part.Any(y => y.Name == "code" && y.Value is Code { Value: "260686004" }) && x.Part.Any(y => y.Name == "code-display" && y.Value is FhirString { Value: "Method" }));
        Assert.Equal(3, properties.Count(x => x.Part.Any(y => y.Value is Code { Value: "parent" })));
        Assert.Contains(p.Parameter, x => x.Name == "designation" && x.Part.Any(y => y.Value is FhirString { Value: "Repair of tendon of hand (procedure)" }));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnEditionOnlyVersion_WhenLookedUp_ThenTheLatestVersionOfThatEditionAnswers()
    {
        fixture.Api.SkipIfUnavailable();
        var p = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Sct}&code=367430006&version={Uri.EscapeDataString("http://snomed.info/xsct/31000003106")}&property=sufficientlyDefined&property=normalFormTerse"));
        Assert.Equal(SnomedFixture.Edition, p.GetSingleValue<FhirString>("version")!.Value);
        Assert.Contains(p.Parameter, x => x.Name == "property" && x.Part.Any(y => y.Value is Code { Value: "normalFormTerse" }));
        var other = await Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Sct}&code=367430006&version={Uri.EscapeDataString("http://snomed.info/sct/731000124108")}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenARetiredDisplay_WhenValidated_ThenItIsAWarningNamingTheCurrentDisplays()
    {
        fixture.Api.SkipIfUnavailable();
        var p = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Sct}&code=42463004&display={Uri.EscapeDataString("Genus: Opisthorchis")}"));
        Assert.True(p.GetSingleValue<FhirBoolean>("result")!.Value);
        var issues = (OperationOutcome)p.Parameter.Single(x => x.Name == "issues").Resource;
        Assert.Contains("no longer considered a correct display", issues.Issue.Single().Details.Text, StringComparison.Ordinal);
        var wrong = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Sct}&code=42463004&display=Nonsense"));
        Assert.False(wrong.GetSingleValue<FhirBoolean>("result")!.Value);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenImplicitValueSets_WhenExpandedAndValidated_ThenIsaAndRefsetWork()
    {
        fixture.Api.SkipIfUnavailable();
        var isa = await Wire.ReadAsync<ValueSet>(await Client.GetAsync($"/fhir/ValueSet/$expand?url={Uri.EscapeDataString(Sct + "?fhir_vs=isa/10200004")}"));
        Assert.Equal(310, isa.Expansion.Total);
        var unknown = await Client.GetAsync($"/fhir/ValueSet/$expand?url={Uri.EscapeDataString(Sct + "?fhir_vs=isa/4106070063")}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var refsets = await Wire.ReadAsync<ValueSet>(await Client.GetAsync($"/fhir/ValueSet/$expand?url={Uri.EscapeDataString(Sct + "?fhir_vs=refset")}"));
        Assert.Contains(refsets.Expansion.Contains, c => c.Code == "723561005");
        var member = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/ValueSet/$validate-code?url={Uri.EscapeDataString(Sct + "?fhir_vs=isa/71388002")}&system={Sct}&code=367430006"));
        Assert.True(member.GetSingleValue<FhirBoolean>("result")!.Value);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenASynonym_WhenSearchedOrFiltered_ThenTheConceptIsFound()
    {
        fixture.Api.SkipIfUnavailable();
        var search = await Client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("tenoplasty of hand"));
        Assert.Contains("367430006", search, StringComparison.Ordinal);
        Assert.Contains("snomed.info/sct", search, StringComparison.Ordinal);
        var vs = await Wire.ReadAsync<ValueSet>(await Client.GetAsync($"/fhir/ValueSet/$expand?url={Uri.EscapeDataString(Sct + "?fhir_vs=isa/71388002")}&filter=tenoplasty&count=10"));
        Assert.Contains(vs.Expansion.Contains, c => c.Code == "367430006");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnEclValueSet_WhenExpanded_ThenTheEvaluatorSelectsAndBadSyntaxIs400()
    {
        fixture.Api.SkipIfUnavailable();
        var ecl = await Wire.ReadAsync<ValueSet>(await Client.GetAsync($"/fhir/ValueSet/$expand?url={Uri.EscapeDataString(Sct + "?fhir_vs=ecl/" + Uri.EscapeDataString("<< 10200004"))}"));
        Assert.Equal(310, ecl.Expansion.Total);
        var bad = await Client.GetAsync($"/fhir/ValueSet/$expand?url={Uri.EscapeDataString(Sct + "?fhir_vs=ecl/" + Uri.EscapeDataString("<< 10200004 AND"))}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [SkippableTheory]
    [InlineData("?fhir_vs=isa/10200004", "")]
    [InlineData("?fhir_vs=isa/10200004", "&activeOnly=true")]
    [InlineData("?fhir_vs=ecl/<< 10200004 MINUS << 71388002", "")]
    [InlineData("?fhir_vs=ecl/< 138875005", "&excludeNotForUI=true")]
    [InlineData("?fhir_vs", "")]
    [InlineData("?fhir_vs", "&activeOnly=true")]
    public async System.Threading.Tasks.Task GivenALargeImplicitValueSet_WhenPaged_ThenEachPageIsTheSliceOfTheWholeExpansionWithItsTotal(string query, string options)
    {
        // A page with a count is counted and sliced without listing every member: it must agree with the whole list.
        fixture.Api.SkipIfUnavailable();
        const string Ecl = "?fhir_vs=ecl/";
        var implicitUrl = Sct + (query.StartsWith(Ecl, StringComparison.Ordinal) ? Ecl + Uri.EscapeDataString(query[Ecl.Length..]) : query);
        var url = "/fhir/ValueSet/$expand?url=" + Uri.EscapeDataString(implicitUrl) + options;
        var whole = await Wire.ReadAsync<ValueSet>(await Client.GetAsync(url));
        var codes = whole.Expansion.Contains.Select(c => c.Code).ToList();
        Assert.True(codes.Count > 20, $"{query}: {codes.Count} members");
        Assert.Equal(codes.Count, whole.Expansion.Total);
        foreach (var (offset, count) in new[] { (0, 10), (7, 5), (codes.Count - 3, 10), (codes.Count + 5, 10) })
        {
            for (var repeat = 0; repeat < 2; repeat++)
            {
                var page = await Wire.ReadAsync<ValueSet>(await Client.GetAsync($"{url}&offset={offset}&count={count}"));
                Assert.Equal(codes.Count, page.Expansion.Total);
                Assert.Equal(codes.Skip(offset).Take(count), page.Expansion.Contains.Select(c => c.Code));
            }
        }
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAValueSetWithTwoSnomedFilters_WhenPaged_ThenEachPageIsTheSliceOfTheWholeExpansion()
    {
        fixture.Api.SkipIfUnavailable();
        var vs = new ValueSet
        {
            Url = "http://example.org/fhir/ValueSet/sct-two-filters",
            Status = PublicationStatus.Active,
            Compose = new ValueSet.ComposeComponent
            {
                Include =
                [
                    new ValueSet.ConceptSetComponent
                    {
                        System = Sct,
                        Filter =
                        [
                            new ValueSet.FilterComponent { Property = "concept", Op = FilterOperator.IsA, Value = "138875005" },
                            new ValueSet.FilterComponent { Property = "constraint", Op = FilterOperator.Equal, Value = "<< 10200004 OR << 71388002" },
                        ],
                    },
                ],
            },
        };
        async Task<ValueSet> Expand(params Parameters.ParameterComponent[] more)
        {
            var p = new Parameters();
            p.Parameter.Add(new Parameters.ParameterComponent { Name = "valueSet", Resource = vs });
            p.Parameter.AddRange(more);
            return await Wire.ReadAsync<ValueSet>(await Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(p)));
        }

        var codes = (await Expand()).Expansion.Contains.Select(c => c.Code).ToList();
        Assert.True(codes.Count > 300, $"{codes.Count} members");
        var page = await Expand(new() { Name = "offset", Value = new Integer(300) }, new() { Name = "count", Value = new Integer(20) });
        Assert.Equal(codes.Count, page.Expansion.Total);
        Assert.Equal(codes.Skip(300).Take(20), page.Expansion.Contains.Select(c => c.Code));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTwoConcepts_WhenSubsumptionIsAsked_ThenTheInferredHierarchyAnswers()
    {
        fixture.Api.SkipIfUnavailable();
        var p = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$subsumes?system={Sct}&codeA=71388002&codeB=367430006"));
        Assert.Equal("subsumes", p.GetSingleValue<Code>("outcome")!.Value);
        var none = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$subsumes?system={Sct}&codeA=10200004&codeB=367430006"));
        Assert.Equal("not-subsumed", none.GetSingleValue<Code>("outcome")!.Value);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenExpressions_WhenValidated_ThenGoodOnesPassAndBadOnesSayWhy()
    {
        fixture.Api.SkipIfUnavailable();
        var good = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Sct}&code={Uri.EscapeDataString("128241005:{363698007=181268008}")}"));
        Assert.True(good.GetSingleValue<FhirBoolean>("result")!.Value);
        Assert.Equal("128241005|Inflammatory disease of liver|:{363698007|Finding site|=181268008|Entire liver|}", good.GetSingleValue<FhirString>("display")!.Value);
        var bad = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Sct}&code={Uri.EscapeDataString("367430006:{24028007=272741003}")}"));
        Assert.False(bad.GetSingleValue<FhirBoolean>("result")!.Value);
        var issues = (OperationOutcome)bad.Parameter.Single(x => x.Name == "issues").Resource;
        Assert.Contains(issues.Issue, i => i.Details.Text.Contains("must be a descendent of one of 410662002,106237007", StringComparison.Ordinal));
        var syntax = await Wire.ReadAsync<Parameters>(await Client.GetAsync($"/fhir/CodeSystem/$validate-code?url={Sct}&code={Uri.EscapeDataString("128241005:{363698007")}"));
        Assert.False(syntax.GetSingleValue<FhirBoolean>("result")!.Value);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenSnomedConcepts_WhenAddedToAClosure_ThenTheEditionsIsAHierarchyGivesTheRows()
    {
        fixture.Api.SkipIfUnavailable();
        var name = "sct-" + Guid.NewGuid().ToString("N");
        await Closures.ClosureApiTests<SqliteFixture>.OkAsync(Client, Closures.ClosureApiTests<SqliteFixture>.Call(name));
        // Repair of tendon of hand is-a Hand repair is-a Surgical procedure; Hand tendon operation is its other parent.
        var map = await Closures.ClosureApiTests<SqliteFixture>.OkAsync(Client, Closures.ClosureApiTests<SqliteFixture>.Call(name,
            [new Coding(Sct, "367430006"), new Coding(Sct, "119657005"), new Coding(Sct, "387713003"), new Coding(Sct, "274059009")]));

        var rows = Closures.ClosureApiTests<SqliteFixture>.Rows(map);
        Assert.Equal("2", map.Version);
        Assert.Contains("119657005 specializes 367430006", rows);
        Assert.Contains("387713003 specializes 367430006", rows);
        Assert.Contains("387713003 specializes 119657005", rows);
        Assert.Contains("274059009 specializes 367430006", rows);
        Assert.Equal(Sct, Assert.Single(map.Group).Source);
        var unknown = await Client.PostAsync("/fhir/$closure", Wire.JsonBody(Closures.ClosureApiTests<SqliteFixture>.Call(name, [new Coding(Sct, "999999999")])));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

public sealed class SqliteSnomedApiTests(SqliteSnomedFixture fixture) : SnomedApiTests(fixture), IClassFixture<SqliteSnomedFixture>;

public sealed class PostgresSnomedApiTests(PostgresSnomedFixture fixture) : SnomedApiTests(fixture), IClassFixture<PostgresSnomedFixture>;
