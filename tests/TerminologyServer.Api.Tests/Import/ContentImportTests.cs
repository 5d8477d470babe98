using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Cli;
using TerminologyServer.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
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

    [Theory]
    [InlineData("")]
    [InlineData("package")]
    public async System.Threading.Tasks.Task GivenAnUnpackedNpmPackageFolder_WhenImportedByTheCli_ThenItsResourcesLandAndTheOtherFilesAreSkipped(string below)
    {
        var url = $"http://example.org/import/{Guid.NewGuid():N}";
        var root = Path.Combine(Path.GetTempPath(), $"package-{Guid.NewGuid():N}");
        var id = Guid.NewGuid().ToString("N")[..8];
        WritePackageFolder(root, Bundle(url, "dir-cs-" + id, "dir-vs-" + id));
        try
        {
            // The folder that holds package/, or package/ itself: both are the package.
            var (exit, output) = await RunAsync("import", "fhir", Path.Combine(root, below));
            Assert.True(exit == 0, output);
            Assert.Contains("2 created, 0 updated, 0 unchanged", output, StringComparison.Ordinal);
            Assert.Contains("1 skipped (StructureDefinition)", output, StringComparison.Ordinal);
            // The verb wrote the database directly; the server picks that up as it would from another process.
            await fixture.Factory.Services.GetRequiredService<IndexSynchronizer>().SyncAsync();
            var expansion = await Wire.ReadAsync<ValueSet>(await fixture.Client.GetAsync($"/fhir/ValueSet/$expand?url={url}/vs"));
            Assert.Equal(["a", "b"], expansion.Expansion.Contains.Select(c => c.Code).Order());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenAnNpmPackage_WhenPostedWithKindFhir_ThenItsResourcesLand()
    {
        var url = $"http://example.org/import/{Guid.NewGuid():N}";
        var file = Path.Combine(Path.GetTempPath(), $"package-{Guid.NewGuid():N}.tgz");
        var id = Guid.NewGuid().ToString("N")[..8];
        WritePackage(file, Bundle(url, "tgz-cs-" + id, "tgz-vs-" + id));
        try
        {
            var response = await fixture.Writer.PostAsync("/fhir/CodeSystem/$import?kind=fhir", new ByteArrayContent(File.ReadAllBytes(file)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await Wire.ReadAsync<Parameters>(response);
            Assert.Equal("2", result.Value("created"));
            Assert.Equal("1", result.Value("skipped"));
            var lookup = await Wire.ReadAsync<Parameters>(await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={url}&code=b"));
            Assert.Equal("B", lookup.Value("display"));
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

    // The files of an npm package as the FHIR package spec lays them out: package.json, .index.json, the resources,
    // files that are not resources, and subfolders that an importer does not read.
    private static IEnumerable<(string Name, string Text)> PackageFiles(Bundle bundle)
    {
        yield return ("package/package.json", "{\"name\":\"example.import\",\"version\":\"1.0.0\"}");
        yield return ("package/.index.json", "{\"index-version\":1,\"files\":[{\"filename\":\"StructureDefinition-x.json\",\"resourceType\":\"StructureDefinition\",\"id\":\"x\"}]}");
        foreach (var e in bundle.Entry)
        {
            yield return ($"package/{e.Resource.TypeName}-{e.Resource.Id}.json", FhirJson.Serialize(e.Resource));
        }

        yield return ("package/StructureDefinition-x.json", "{\"resourceType\":\"StructureDefinition\",\"id\":\"x\",\"url\":\"http://example.org/sd/x\",\"name\":\"X\",\"status\":\"draft\",\"kind\":\"resource\",\"abstract\":false,\"type\":\"Patient\"}");
        yield return ("package/openapi-notes.json", "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"not a FHIR resource\"}}");
        yield return ("package/other/ignored.json", "not json at all");
        yield return ("package/example/CodeSystem-broken.json", "{\"resourceType\":\"CodeSystem\",\"status\":\"not-a-status\"}");
    }

    private static void WritePackage(string file, Bundle bundle)
    {
        using var stream = File.Create(file);
        using var gzip = new GZipStream(stream, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        foreach (var (name, text) in PackageFiles(bundle))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
    }

    private static void WritePackageFolder(string folder, Bundle bundle)
    {
        foreach (var (name, text) in PackageFiles(bundle))
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
