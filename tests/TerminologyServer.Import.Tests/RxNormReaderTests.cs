using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import.Tests;

public sealed class RxNormIndex
{
    /// <summary>The invented release written by <c>bench/rxnorm-sample.py</c> (see Fixtures/rxnorm-sample/README.md).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "rxnorm-sample", "rrf");

    public ImportedCodeSystem Source { get; } = RxNorm.RxNorm.Open(Folder);

    public CodeSystemIndex Index { get; }

    public RxNormIndex() => Index = Source.ToIndex();
}

public sealed class RxNormReaderTests(RxNormIndex fixture) : IClassFixture<RxNormIndex>
{
    private CodeSystemIndex R => fixture.Index;

    [Fact]
    public void GivenTheSample_WhenRead_ThenRxNormCuisAndRetiredOnesAreTheConceptsAndTheVersionIsSver()
    {
        Assert.Equal("25AA_250707F", R.Version);
        Assert.Equal(10 + 2, R.Concepts.Length); // 10 RxCUIs with RXNORM names, 2 retired in RXNCUI
        Assert.Null(R.Find("900800")); // named by MTHSPL only
        Assert.Equal(["900500", "900600", "900700"], R.Concepts.Where(c => c.IsInactive).Select(c => c.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GivenAClinicalDrug_WhenRead_ThenDisplayIsTheScdNameAndSynonymsAreDesignations()
    {
        var scd = R.Find("900201")!;
        Assert.Equal("acetaminophen 500 MG Oral Tablet", scd.Display);
        Assert.Contains(scd.Designations, d => d.Value == "APAP 500 MG Oral Tablet" && d.Use!.Code == "SY");
        Assert.Contains(scd.Designations, d => d.Value == "acetaminophen 500 mg oral tablet" && d.Use!.Code == "PSN");
        Assert.Equal(["SCD", "SY", "PSN"], scd.PropertiesNamed("TTY").Select(p => p.Value));
        Assert.Equal(["MTHSPL", "RXNORM"], scd.PropertiesNamed("SAB").Select(p => p.Value));
        Assert.Equal("Clinical Drug", scd.PropertiesNamed("STY").Single().Value);
        Assert.Equal("99999000101", scd.PropertiesNamed("NDC").Single().Value);
    }

    [Fact]
    public void GivenRxnrel_WhenRead_ThenEachRelationshipIsACodingOnItsSubject()
    {
        var scdc = R.Find("900101")!;
        var ingredient = scdc.PropertiesNamed("has_ingredient").Single();
        Assert.Equal(("900001", "acetaminophen", PropertyType.Coding), (ingredient.Value, ingredient.Display, ingredient.Type));
        Assert.Equal(["900101"], R.Find("900001")!.PropertiesNamed("ingredient_of").Select(p => p.Value));
        Assert.Equal("900201", R.Find("900401")!.PropertiesNamed("tradename_of").Single().Value);
        Assert.Equal("900010", R.Find("900201")!.PropertiesNamed("has_dose_form").Single().Value);
    }

    [Fact]
    public void GivenRetiredAndRemappedCuis_WhenRead_ThenTheRemappedOneNamesItsSuccessor()
    {
        var remapped = R.Find("900700")!;
        Assert.True(remapped.IsInactive);
        Assert.Equal(("900201", "acetaminophen 500 MG Oral Tablet"), (remapped.PropertiesNamed("replaced-by").Single().Value, remapped.PropertiesNamed("replaced-by").Single().Display));
        Assert.Empty(R.Find("900600")!.PropertiesNamed("replaced-by"));
        Assert.Equal("aspirin 81 MG Chewable Tablet (obsolete)", R.Find("900500")!.Display);
    }

    [Fact]
    public void GivenALineWithoutItsTrailingPipe_WhenRead_ThenTheErrorNamesFileAndLine()
    {
        var folder = Path.Combine(Path.GetTempPath(), "terminology-tests", "rxnorm-bad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var f in Directory.EnumerateFiles(RxNormIndex.Folder))
            {
                File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
            }

            var conso = Path.Combine(folder, "RXNCONSO.RRF");
            var lines = File.ReadAllLines(conso);
            lines[2] = lines[2].TrimEnd('|');
            File.WriteAllLines(conso, lines);
            var e = Assert.Throws<ImportException>(() => RxNorm.RxNorm.Open(folder).ReadConcepts().ToList());
            Assert.StartsWith("RXNCONSO.RRF line 3: 17 fields where RXNCONSO.RRF has 18", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
