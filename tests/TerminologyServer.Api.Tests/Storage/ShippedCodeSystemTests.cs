using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Import;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Storage;

/// <summary>
/// The code systems shipped as source files (fhir-resources/code-systems): imported once, skipped while unchanged.
/// Uses the shipped HCPCS folder (8,642 concepts, about a second); ICD-10-CM/PCS go the same way.
/// </summary>
public sealed class ShippedCodeSystemTests
{
    private static string ShippedCodeSystems => Path.Combine(AppContext.BaseDirectory, "fhir-resources", ShippedContentLoader.CodeSystemsFolder);

    [Fact]
    public void GivenTheShippedFolders_ThenEachNamesAKindAndItsFilesExist()
    {
        var folders = Directory.GetDirectories(ShippedCodeSystems).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["hcpcs", "icd10cm", "icd10pcs"], folders);
        foreach (var folder in Directory.GetDirectories(ShippedCodeSystems))
        {
            var kind = ImportKinds.Find(Path.GetFileName(folder))!;
            var request = ShippedCodeSystemLoader.ParseArgs(kind, folder, File.ReadAllText(Path.Combine(folder, ShippedCodeSystemLoader.ArgsFile)));
            Assert.All(request.Files, f => Assert.True(File.Exists(f), f));
            Assert.NotNull(request.Version);
        }

        Assert.True(File.Exists(Path.Combine(ShippedCodeSystems, "README.md")), "the provenance note ships with the data");
    }

    [Fact]
    public async Task GivenShippedHcpcs_WhenLoadedTwice_ThenImportedOnceAndSkippedAfter()
    {
        await using var factory = new ApiFactory(await TestDatabases.NewSqliteAsync());
        factory.CreateClient().Dispose();
        var folder = Directory.CreateTempSubdirectory().FullName;
        CopyFolder(Path.Combine(ShippedCodeSystems, "hcpcs"), Path.Combine(folder, "hcpcs"));

        using (var scope = factory.Services.CreateScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ShippedCodeSystemLoader>().LoadAsync(folder, default));
            var stored = await scope.ServiceProvider.GetRequiredService<ResourceStore>().FindByUrlAsync("CodeSystem", Hcpcs.Url, default);
            Assert.Equal(8_642, Assert.Single(stored).ConceptCount);
        }

        using (var scope = factory.Services.CreateScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ShippedCodeSystemLoader>().LoadAsync(folder, default));
        }
    }

    [Theory]
    [InlineData("", "found 0 input files")]
    [InlineData("a.txt b.txt", "found 2 input files")]
    [InlineData("a.txt --colour red", "has no option --colour")]
    [InlineData("a.txt --version", "--version needs a value")]
    public void GivenBadImportArgs_WhenParsed_ThenTheErrorSaysWhy(string args, string expected)
    {
        var error = Assert.Throws<ImportException>(() => ShippedCodeSystemLoader.ParseArgs(ImportKinds.Find("hcpcs")!, "/x", args));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task GivenAFolderWithAMissingFile_WhenLoaded_ThenNothingIsImportedAndStartContinues()
    {
        await using var factory = new ApiFactory(await TestDatabases.NewSqliteAsync());
        factory.CreateClient().Dispose();
        var folder = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(folder, "icd10pcs"));
        await File.WriteAllTextAsync(Path.Combine(folder, "icd10pcs", ShippedCodeSystemLoader.ArgsFile), "missing.txt.gz --version 2026\n");

        using var scope = factory.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ShippedCodeSystemLoader>().LoadAsync(folder, default));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ResourceStore>().FindByUrlAsync("CodeSystem", Icd10Pcs.Url, default));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
