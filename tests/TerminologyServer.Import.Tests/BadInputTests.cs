using System.IO.Compression;

namespace TerminologyServer.Import.Tests;

public sealed class BadInputTests : IDisposable
{
    private const string Good1 = "00001 A00     0 Cholera                                                      Cholera";
    private const string Good2 = "00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae";
    private readonly string _folder = Directory.CreateTempSubdirectory("import-bad-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void GivenABadLine_WhenRead_ThenTheErrorNamesTheFileAndLine()
    {
        var file = Write("icd10cm_order_2026.txt", Good1, Good2, "00003 A001 broken");
        var e = Assert.Throws<ImportException>(() => Icd10Cm.Open(file).ReadConcepts().ToList());
        Assert.Equal(3, e.Line);
        Assert.StartsWith("icd10cm_order_2026.txt line 3:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADuplicateCode_WhenRead_ThenItIsRejectedWithItsLine()
    {
        var file = Write("icd10cm_order_2026.txt", Good1, Good2, Good2.Replace("00002", "00003", StringComparison.Ordinal));
        var e = Assert.Throws<ImportException>(() => Icd10Cm.Open(file).ReadConcepts().ToList());
        Assert.Equal(3, e.Line);
        Assert.Contains("duplicate code A00.0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAPcsFile_WhenReadAsIcd10Cm_ThenTheFirstLineIsRejected()
    {
        var e = Assert.Throws<ImportException>(() => Icd10Cm.Open(SharedData.Icd10Pcs2026, "2026").ReadConcepts().ToList());
        Assert.Equal(1, e.Line);
        Assert.Contains("not an ICD-10-CM code", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnHcpcsFile_WhenReadAsAnOrderFile_ThenItIsRejected()
    {
        var e = Assert.Throws<ImportException>(() => Icd10Pcs.Open(SharedData.Hcpcs2025, "2026").ReadConcepts().ToList());
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void GivenATruncatedGzip_WhenRead_ThenItIsReportedAsDamaged()
    {
        var bytes = File.ReadAllBytes(SharedData.Icd10Cm2026);
        var file = Path.Combine(_folder, "icd10cm_order_2026.txt.gz");
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ImportException>(() => Icd10Cm.Open(file).ReadConcepts().ToList());
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAGzippedFile_WhenRead_ThenGzipIsDetectedByItsBytesNotItsName()
    {
        var file = Path.Combine(_folder, "order_2026.txt");
        using (var gz = new GZipStream(File.Create(file), CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
        {
            w.Write(Good1 + "\r\n" + Good2 + "\r\n");
        }

        var concepts = Icd10Cm.Open(file).ReadConcepts().ToList();
        Assert.Equal(["A00", "A00.0"], concepts.Select(c => c.Code));
    }

    [Fact]
    public void GivenAnEmptyFile_WhenRead_ThenNoCodesIsAnError()
    {
        var file = Write("icd10cm_order_2026.txt");
        Assert.Throws<ImportException>(() => Icd10Cm.Open(file).ReadConcepts().ToList());
    }

    [Theory]
    [InlineData("2026", "2026")]
    [InlineData("FY2026", "2026")]
    [InlineData("fy2025", "2025")]
    public void GivenAYearVersion_WhenParsed_ThenItIsTheYear(string given, string expected) =>
        Assert.Equal(expected, ImportVersions.Year(given, null));

    [Theory]
    [InlineData("26")]
    [InlineData("2026-01")]
    [InlineData("latest")]
    public void GivenAnUnknownVersionFormat_WhenParsed_ThenItIsAnError(string given) =>
        Assert.Throws<ImportException>(() => ImportVersions.Year(given, "icd10cm_order_2026.txt"));

    [Fact]
    public void GivenNoVersion_WhenTheFileNameHasNone_ThenItMustBeGiven()
    {
        Assert.Equal("2026", ImportVersions.Year(null, "/x/icd10cm_order_2026.txt.gz"));
        Assert.Throws<ImportException>(() => ImportVersions.Year(null, "/x/order.txt"));
        Assert.Equal("2025-01", ImportVersions.Quarter(null, "HCPC2025_JAN_ANWEB_12172024.txt"));
        Assert.Equal("2025-04", ImportVersions.Quarter("2025Q2", null));
        Assert.Throws<ImportException>(() => ImportVersions.Quarter("2025-13", null));
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\r\n")));
        return path;
    }
}
