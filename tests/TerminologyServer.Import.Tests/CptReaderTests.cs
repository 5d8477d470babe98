namespace TerminologyServer.Import.Tests;

/// <summary>CPT on made-up files in the AMA layouts (no AMA text exists in this project).</summary>
public sealed class CptReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cpt-2026-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void GivenLicenseeFiles_WhenRead_ThenCodesModifiersDesignationsAndDeletedCodesAppear()
    {
        File.WriteAllText(Path.Combine(_folder, "LONGULT.txt"), "10001\tMade-up long descriptor one\r\n10002    Made-up long descriptor two\r\n0001F\tMade-up category II\r\n");
        File.WriteAllText(Path.Combine(_folder, "SHORTU.txt"), "10001\tMADE-UP SHORT ONE\r\n");
        File.WriteAllText(Path.Combine(_folder, "MEDU.txt"), "10001 MADE-UP MEDIUM ONE\r\n");
        File.WriteAllText(Path.Combine(_folder, "MODUL.txt"), "26\tMade-up professional part\r\nP1\tMade-up healthy patient\r\nXS\tMade-up separate structure\r\n1P\tMade-up exclusion\r\n");
        File.WriteAllText(Path.Combine(_folder, "ConsumerDescriptor.txt"), "Concept Id\tCPT Code\tConsumer Friendly Descriptor\r\n1\t10001\tMade-up plain words\r\n");
        File.WriteAllText(Path.Combine(_folder, "ClinicianDescriptor.txt"), "Concept Id\tCPT Code\tClinician Descriptor Id\tClinician Descriptor\r\n1\t10001\t11\tMade-up clinician one\r\n1\t10001\t12\tMade-up clinician two\r\n");
        File.WriteAllText(Path.Combine(_folder, "History.txt"), "Concept Id\tCPT Code\tDate\tChange Type\tCurrent Descriptor\tReplaced By\r\n9\t09999\t20250101\tDELETED\tMade-up deleted code\t10001 10002\r\n9\t10001\t20200101\tADDED\tMade-up long descriptor one\t\r\n");
        File.WriteAllText(Path.Combine(_folder, "Telemedicine.txt"), "10002\r\n");

        var cpt = Cpt.Open([_folder]).ToIndex();
        Assert.Equal("2026", cpt.Version);
        Assert.Equal(8, cpt.Concepts.Length);
        var one = cpt.Find("10001")!;
        Assert.Equal("Made-up long descriptor one", one.Display);
        Assert.Equal(5, one.Designations.Length);
        Assert.Equal("code", one.PropertiesNamed("kind").Single().Value);
        Assert.Equal("Made-up long descriptor two", cpt.Find("10002")!.Display);
        Assert.True(cpt.Find("10002")!.PropertiesNamed("telemedicine").Single().IsTrue);
        Assert.Equal("general", cpt.Find("26")!.PropertiesNamed("kind").Single().Value);
        Assert.Equal("physical-status", cpt.Find("P1")!.PropertiesNamed("kind").Single().Value);
        Assert.Equal("hcpcs", cpt.Find("XS")!.PropertiesNamed("kind").Single().Value);
        Assert.Equal("cat-2", cpt.Find("1P")!.PropertiesNamed("kind").Single().Value);
        Assert.True(cpt.Find("26")!.PropertiesNamed("modifier").Single().IsTrue);
        var deleted = cpt.Find("09999")!;
        Assert.True(deleted.IsInactive);
        Assert.Equal(["10001", "10002"], deleted.PropertiesNamed("replaced-by").Select(p => p.Value));
    }

    [Fact]
    public void GivenAnUnknownFile_WhenOpened_ThenItIsNamed()
    {
        File.WriteAllText(Path.Combine(_folder, "LONGULT.txt"), "10001\tX\r\n");
        File.WriteAllText(Path.Combine(_folder, "notes.pdf"), "x");
        var e = Assert.Throws<ImportException>(() => Cpt.Open([_folder]));
        Assert.Contains("notes.pdf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADuplicateCode_WhenRead_ThenItsLineIsReported()
    {
        File.WriteAllText(Path.Combine(_folder, "LONGULT.txt"), "10001\tX\r\n10002\tY\r\n10001\tZ\r\n");
        var e = Assert.Throws<ImportException>(() => Cpt.Open([_folder]).ReadConcepts().ToList());
        Assert.Equal(3, e.Line);
    }
}
