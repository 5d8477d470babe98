using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Startup;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Import;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Storage;

public sealed class ShippedContentTests
{
    private static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "fhir-resources");

    [Fact]
    public async System.Threading.Tasks.Task GivenShippedContentAlreadyLoaded_WhenLoadedAgain_ThenNothingChanges()
    {
        await using var factory = new ApiFactory(await TestDatabases.NewSqliteAsync());
        factory.CreateClient().Dispose();
        using var scope = factory.Services.CreateScope();
        var loader = scope.ServiceProvider.GetRequiredService<ShippedContentLoader>();

        Assert.Equal(0, await loader.LoadFolderAsync(ShippedFolder, default));
        var cpt = await scope.ServiceProvider.GetRequiredService<ResourceStore>().FindAsync("CodeSystem", "cpt");
        Assert.Equal(1, cpt!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenChangedShippedFile_WhenLoaded_ThenItReplacesTheStoredResource()
    {
        await using var factory = new ApiFactory(await TestDatabases.NewSqliteAsync());
        factory.CreateClient().Dispose();
        var folder = Directory.CreateTempSubdirectory().FullName;
        var cs = CopyOfShippedCpt();
        cs.Concept.RemoveAt(0);
        cs.Version = "2025";
        cs.Description = "changed";
        await File.WriteAllTextAsync(Path.Combine(folder, "CodeSystem-cpt.json"), FhirJson.Serialize(cs));
        using var scope = factory.Services.CreateScope();

        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ShippedContentLoader>().LoadFolderAsync(folder, default));
        var stored = await scope.ServiceProvider.GetRequiredService<ResourceStore>().FindAsync("CodeSystem", "cpt");
        Assert.Equal(2, stored!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task GivenFullerCptStored_WhenShippedFragmentLoaded_ThenTheFullerOneStays()
    {
        var settings = await TestDatabases.NewSqliteAsync();
        await using var factory = new ApiFactory(settings);
        var writer = factory.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new("Bearer", TestDatabases.TestApiKey);
        var full = CopyOfShippedCpt();
        full.Content = CodeSystemContentMode.Complete;
        full.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "99215", Display = "Office visit (licensee import)" });
        Assert.Equal(HttpStatusCode.OK, (await writer.PutAsync("/fhir/CodeSystem/cpt", Wire.JsonBody(full))).StatusCode);

        var folder = Directory.CreateTempSubdirectory().FullName;
        var fragment = CopyOfShippedCpt();
        fragment.Description = "a newer shipped fragment";
        await File.WriteAllTextAsync(Path.Combine(folder, "CodeSystem-cpt.json"), FhirJson.Serialize(fragment));
        using var scope = factory.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ShippedContentLoader>().LoadFolderAsync(folder, default));

        var stored = await scope.ServiceProvider.GetRequiredService<ResourceStore>().FindAsync("CodeSystem", "cpt");
        Assert.Equal("complete", stored!.Content);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/fhir/CodeSystem/$lookup?system=http://www.ama-assn.org/go/cpt&code=99215")).StatusCode);
    }

    private static CodeSystem CopyOfShippedCpt() =>
        FhirJson.Deserialize<CodeSystem>(File.ReadAllText(Path.Combine(ShippedFolder, "CodeSystem-cpt.json")));
}
