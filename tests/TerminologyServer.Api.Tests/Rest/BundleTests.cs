using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Rest;

/// <summary><c>POST [base]</c> with transaction and batch Bundles, on every provider.</summary>
public abstract class BundleTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private static Bundle.EntryComponent Post(Resource resource, string? fullUrl = null, string? ifNoneExist = null) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName, IfNoneExist = ifNoneExist },
    };

    private static ValueSet AllOf(string system, string url) => new()
    {
        Url = url,
        Status = PublicationStatus.Active,
        Compose = new ValueSet.ComposeComponent { Include = [new() { System = system }] },
    };

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenATransaction_WhenPosted_ThenEveryEntryLandsAndReferencesAreResolved()
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/tx/{Guid.NewGuid():N}";
        var cs = Resources.CrudTests<TFixture>.SampleCodeSystem(url);
        var plan = new PlanDefinition
        {
            Url = url + "/plan",
            Status = PublicationStatus.Active,
            Action = [new() { Title = "Step", Definition = new Canonical(url + "/plan") }],
            RelatedArtifact = [new() { Type = RelatedArtifact.RelatedArtifactType.DependsOn, Resource = url }],
            Subject = new ResourceReference("urn:uuid:0c4c1d2e-0000-4000-8000-000000000001"),
        };
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                Post(cs, "urn:uuid:0c4c1d2e-0000-4000-8000-000000000001"),
                Post(AllOf(url, url + "/vs")),
                Post(plan),
            ],
        };

        var response = await fixture.Writer.PostAsync("/fhir", Wire.JsonBody(bundle));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Wire.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.TransactionResponse, result.Type);
        Assert.All(result.Entry, e => Assert.Equal("201 Created", e.Response.Status));
        var csId = result.Entry[0].Resource.Id;
        Assert.Equal($"CodeSystem/{csId}", ((PlanDefinition)result.Entry[2].Resource).Subject is ResourceReference r ? r.Reference : null);
        var expansion = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={url}/vs"));
        Assert.Equal(3, expansion.Expansion.Total);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenATransactionWithABadEntry_WhenPosted_ThenNothingLandsAndTheEntryIsNamed()
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/tx-bad/{Guid.NewGuid():N}";
        var good = Resources.CrudTests<TFixture>.SampleCodeSystem(url);
        var cycle = Resources.CrudTests<TFixture>.SampleCodeSystem(url + "-cycle");
        cycle.Concept[1].Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "b" });
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction, Entry = [Post(good), Post(AllOf(url, url + "/vs")), Post(cycle)] };

        var response = await fixture.Writer.PostAsync("/fhir", Wire.JsonBody(bundle));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("entry 2", (await Wire.ReadOutcomeAsync(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(0, (await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem?url={url}"))).Total);
        Assert.Equal(0, (await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/ValueSet?url={url}/vs"))).Total);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenABatch_WhenOneEntryFails_ThenTheOthersLandAndEachHasItsStatus()
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/batch/{Guid.NewGuid():N}";
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Batch,
            Entry =
            [
                Post(Resources.CrudTests<TFixture>.SampleCodeSystem(url)),
                new() { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = "CodeSystem/no-such-id" } },
                new() { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = "ValueSet/administrative-gender" } },
                new() { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.DELETE, Url = "ValueSet/no-such-id" } },
            ],
        };

        var response = await fixture.Writer.PostAsync("/fhir", Wire.JsonBody(bundle));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Wire.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.BatchResponse, result.Type);
        Assert.Equal(["201 Created", "404 Not Found", "200 OK", "404 Not Found"], result.Entry.Select(e => e.Response.Status));
        Assert.IsType<OperationOutcome>(result.Entry[1].Response.Outcome);
        Assert.Equal(1, (await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem?url={url}"))).Total);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAWritingBundle_WhenPostedWithoutCredentials_Then401()
    {
        fixture.SkipIfUnavailable();
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction, Entry = [Post(Resources.CrudTests<TFixture>.SampleCodeSystem("http://example.org/anon"))] };

        var response = await fixture.Client.PostAsync("/fhir", Wire.JsonBody(bundle));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAnotherBundleType_WhenPosted_Then400()
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Writer.PostAsync("/fhir", Wire.JsonBody(new Bundle { Type = Bundle.BundleType.Collection }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class SqliteBundleTests(SqliteFixture fixture) : BundleTests<SqliteFixture>(fixture);

public sealed class PostgresBundleTests(PostgresFixture fixture) : BundleTests<PostgresFixture>(fixture);
