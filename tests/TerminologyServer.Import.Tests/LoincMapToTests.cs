using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import.Tests;

/// <summary>
/// <c>MapTo.csv</c> (the HL7 test subset has none): a deprecated term names the term to use instead as a
/// <c>MAP_TO</c> Coding; a row naming a term the release does not hold stops the import with the file and line.
/// </summary>
public sealed class LoincMapToTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loinc-mapto-").FullName;

    public LoincMapToTests()
    {
        foreach (var file in Directory.EnumerateFiles(LoincIndex.Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_folder, Path.GetRelativePath(LoincIndex.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void WriteMapTo(params string[] rows) =>
        File.WriteAllLines(Path.Combine(_folder, "LoincTable", "MapTo.csv"), ["\"LOINC\",\"MAP_TO\",\"COMMENT\"", .. rows]);

    [Fact]
    public void GivenADeprecatedTermWithAMapTo_WhenRead_ThenItIsInactiveAndNamesItsReplacement()
    {
        WriteMapTo("\"10550-2\",\"6298-4\",\"use the blood potassium term\"");

        var index = Loinc.Loinc.Open(_folder).ToIndex();
        var deprecated = index.Find("10550-2")!;

        Assert.True(deprecated.IsInactive);
        var mapTo = deprecated.PropertiesNamed("MAP_TO").Single();
        Assert.Equal((PropertyType.Coding, "6298-4", Loinc.Loinc.Url), (mapTo.Type, mapTo.Value, mapTo.System));
        Assert.Empty(index.Find("6298-4")!.PropertiesNamed("MAP_TO"));
    }

    [Fact]
    public void GivenAMapToNamingAnUnknownTerm_WhenRead_ThenTheImportStopsNamingFileAndLine()
    {
        WriteMapTo("\"10550-2\",\"99999-9\",\"\"");

        var error = Assert.Throws<ImportException>(() => Loinc.Loinc.Open(_folder).ToIndex());

        Assert.Contains("MapTo.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("99999-9", error.Message, StringComparison.Ordinal);
    }
}
