using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Cli;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Import;

/// <summary>FHIR content (NPM package, Bundle) and CPT files (zip) through the CLI verb and the HTTP route.</summary>
public sealed class ContentImportTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async System.Threading.Tasks.Task GivenAZipOfCptFiles_WhenPostedWithKindCpt_ThenTheCodesAreServed()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cpt-zip-{Guid.NewGuid():N}");
        var zip = folder + ".zip";
        try
        {
            var cpt = CptFileGenerator.Write(folder, codes: 200, deleted: 5);
            ZipFile.CreateFromDirectory(folder, zip);
            var content = new ByteArrayContent(File.ReadAllBytes(zip));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
            var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import?kind=cpt&version=2030", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(cpt.ConceptCount.ToString(System.Globalization.CultureInfo.InvariantCulture), (await Wire.ReadAsync<Parameters>(response)).Value("concepts"));
            var lookup = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&version=2030&code={cpt.Codes[0]}"));
            Assert.StartsWith("Made-up", lookup.Value("display"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            File.Delete(zip);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenABundle_WhenImportedOverHttp_ThenItsResourcesAreServed()
    {
        var url = $"http://example.org/import/{Guid.NewGuid():N}";
        var bundle = Bundle(url, "bundle-cs", "bundle-vs");
        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import?kind=fhir", new StringContent(FhirJson.Serialize(bundle), Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Wire.ReadAsync<Parameters>(response);
        Assert.Equal("2", result.Value("created"));

        var expansion = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={url}/vs"));
        Assert.Equal(["a", "b"], expansion.Expansion.Contains.Select(c => c.Code).Order());
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenABundleWithABrokenResource_WhenImported_ThenNothingIsStored()
    {
        var url = $"http://example.org/import/{Guid.NewGuid():N}";
        var json = FhirJson.Serialize(Bundle(url, "broken-cs", "broken-vs")).Replace("\"status\":\"active\"", "\"status\":\"not-a-status\"", StringComparison.Ordinal);
        var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import?kind=fhir", new StringContent(json, Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/fhir/CodeSystem/broken-cs")).StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnNpmPackage_WhenImportedByTheCliTwice_ThenTheSecondRunChangesNothing()
    {
        var url = $"http://example.org/import/{Guid.NewGuid():N}";
        var file = Path.Combine(Path.GetTempPath(), $"package-{Guid.NewGuid():N}.tgz");
        WritePackage(file, Bundle(url, "pkg-cs", "pkg-vs"));
        try
        {
            var (exit, output) = await RunAsync("import", "fhir", file);
            Assert.Equal(0, exit);
            Assert.Contains("2 created, 0 updated, 0 unchanged", output, StringComparison.Ordinal);
            Assert.Contains("1 skipped (StructureDefinition)", output, StringComparison.Ordinal);
            (exit, output) = await RunAsync("import", "fhir", file);
            Assert.Equal(0, exit);
            Assert.Contains("0 created, 0 updated, 2 unchanged", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<(int, string)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await CommandLine.RunAsync(fixture.Factory.Services, CommandLine.Find(args)!, args, new CommandConsole(output, new StringWriter(), false));
        return (exit, output.ToString());
    }

    private static Bundle Bundle(string url, string csId, string vsId)
    {
        var cs = new CodeSystem { Id = csId, Url = url, Version = "1", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete };
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "a", Display = "A" });
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "b", Display = "B" });
        var vs = new ValueSet { Id = vsId, Url = url + "/vs", Status = PublicationStatus.Active, Compose = new ValueSet.ComposeComponent() };
        vs.Compose.Include.Add(new ValueSet.ConceptSetComponent { System = url });
        return new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection, Entry = [new() { Resource = cs }, new() { Resource = vs }] };
    }

    private static void WritePackage(string file, Bundle bundle)
    {
        using var stream = File.Create(file);
        using var gzip = new GZipStream(stream, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        void Add(string name, string text)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
            tar.WriteEntry(entry);
        }

        Add("package/package.json", "{\"name\":\"example.import\",\"version\":\"1.0.0\"}");
        foreach (var e in bundle.Entry)
        {
            Add($"package/{e.Resource.TypeName}-{e.Resource.Id}.json", FhirJson.Serialize(e.Resource));
        }

        Add("package/StructureDefinition-x.json", "{\"resourceType\":\"StructureDefinition\",\"id\":\"x\",\"url\":\"http://example.org/sd/x\",\"name\":\"X\",\"status\":\"draft\",\"kind\":\"resource\",\"abstract\":false,\"type\":\"Patient\"}");
        Add("package/other/ignored.json", "not json at all");
    }
}
