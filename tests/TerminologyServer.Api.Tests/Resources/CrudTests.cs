using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Resources;

/// <summary>Create, read, update, delete in JSON and XML, with versions, ETag and Location, on every provider.</summary>
public abstract class CrudTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    public static CodeSystem SampleCodeSystem(string url) => new()
    {
        Url = url,
        Version = "1.0",
        Name = "Sample",
        Title = "Sample code system",
        Status = PublicationStatus.Active,
        Content = CodeSystemContentMode.Complete,
        Property = [new() { Code = "colour", Type = CodeSystem.PropertyType.String }],
        Concept =
        [
            new()
            {
                Code = "a", Display = "Alpha",
                Designation = [new() { Language = "de", Value = "Alfa" }],
                Concept = [new() { Code = "a1", Display = "Alpha one", Property = [new() { Code = "colour", Value = new FhirString("red") }] }],
            },
            new() { Code = "b", Display = "Beta" },
        ],
    };

    [SkippableTheory]
    [InlineData("json")]
    [InlineData("xml")]
    public async System.Threading.Tasks.Task GivenNewCodeSystem_WhenCreatedReadUpdatedDeleted_ThenEachStepIsVisible(string format)
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/crud/{format}/{Guid.NewGuid():N}";
        var cs = SampleCodeSystem(url);
        HttpContent Body(Resource r) => format == "json" ? Wire.JsonBody(r) : Wire.XmlBody(r);

        var created = await fixture.Writer.PostAsync($"/fhir/CodeSystem?_format={format}", Body(cs));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("W/\"1\"", created.Headers.ETag?.ToString());
        var stored = await Wire.ReadAsync<CodeSystem>(created);
        Assert.EndsWith($"/fhir/CodeSystem/{stored.Id}/_history/1", created.Headers.Location!.ToString());

        var read = await Wire.ReadAsync<CodeSystem>(await fixture.Client.GetAsync($"/fhir/CodeSystem/{stored.Id}?_format={format}"));
        Assert.Equal("1", read.Meta.VersionId);
        Assert.Equal("a1", read.Concept[0].Concept[0].Code);
        Assert.Equal("red", read.Concept[0].Concept[0].Property[0].Value.ToString());
        Assert.Equal("Alfa", read.Concept[0].Designation[0].Value);

        var lookup = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={url}&code=a1");
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);

        read.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "c", Display = "Gamma" });
        var updated = await fixture.Writer.PutAsync($"/fhir/CodeSystem/{stored.Id}", Body(read));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("2", (await Wire.ReadAsync<CodeSystem>(updated)).Meta.VersionId);
        var afterUpdate = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={url}&code=c");
        Assert.Equal(HttpStatusCode.OK, afterUpdate.StatusCode);

        var same = await fixture.Writer.PutAsync($"/fhir/CodeSystem/{stored.Id}", Body(read));
        Assert.Equal("2", (await Wire.ReadAsync<CodeSystem>(same)).Meta.VersionId);

        var deleted = await fixture.Writer.DeleteAsync($"/fhir/CodeSystem/{stored.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await fixture.Client.GetAsync($"/fhir/CodeSystem/{stored.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={url}&code=a1")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("ValueSet")]
    [InlineData("ConceptMap")]
    [InlineData("PlanDefinition")]
    [InlineData("NamingSystem")]
    public async System.Threading.Tasks.Task GivenOtherResourceTypes_WhenPutWithClientId_ThenCreatedAndReadBack(string type)
    {
        fixture.SkipIfUnavailable();
        var id = "t" + Guid.NewGuid().ToString("N")[..12];
        Resource resource = type switch
        {
            "ValueSet" => new ValueSet { Id = id, Url = $"http://example.org/vs/{id}", Status = PublicationStatus.Draft, Name = "VS" },
            "ConceptMap" => new ConceptMap { Id = id, Url = $"http://example.org/cm/{id}", Status = PublicationStatus.Draft },
            "PlanDefinition" => new PlanDefinition { Id = id, Url = $"http://example.org/pd/{id}", Status = PublicationStatus.Draft, Title = "Epidurography" },
            _ => new NamingSystem
            {
                Id = id, Name = "NS" + id, Status = PublicationStatus.Draft, Kind = NamingSystem.NamingSystemType.Codesystem, Date = "2025-01-01",
                UniqueId = [new() { Type = NamingSystem.NamingSystemIdentifierType.Uri, Value = $"http://example.org/ns/{id}" }],
            },
        };

        var put = await fixture.Writer.PutAsync($"/fhir/{type}/{id}", Wire.XmlBody(resource));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.NotNull(put.Headers.Location);

        var read = await fixture.Client.GetAsync($"/fhir/{type}/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(id, (await Wire.ReadAsync<Resource>(read)).Id);
    }
}

public sealed class SqliteCrudTests(SqliteFixture fixture) : CrudTests<SqliteFixture>(fixture);

public sealed class PostgresCrudTests(PostgresFixture fixture) : CrudTests<PostgresFixture>(fixture);
