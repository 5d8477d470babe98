using System.IO.Compression;
using TerminologyServer.Engine.Snomed;
using TerminologyServer.Import.Snomed;

namespace TerminologyServer.Import.Tests.Snomed;

/// <summary>The RF2 snapshot reader: each file kind on a small hand-made release, HL7's real test subset, and bad input.</summary>
public sealed class Rf2ReaderTests : IDisposable
{
    private const string Edition = "http://snomed.info/xsct/31000003106/version/20250909";
    private readonly string _folder = Directory.CreateTempSubdirectory("rf2-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void GivenHl7sTestSubset_WhenRead_ThenEveryFileKindIsLoaded()
    {
        var release = SnomedRelease.Open(SharedData.Path("tx-source/snomed"), Edition);
        Assert.Contains(release.Files, f => f.Kind == Rf2Kind.LanguageRefset);
        Assert.Contains(release.Files, f => f.Kind == Rf2Kind.ConcreteValues);
        Assert.Contains(release.Files, f => f.Kind == Rf2Kind.Skipped && f.Name.Contains("OWL", StringComparison.Ordinal));

        var edition = release.Read();
        Assert.Equal(Edition, edition.Version.ToString());
        Assert.Equal(2258, edition.Count);
        var hand = edition.IndexOf(367430006);
        Assert.Equal("Repair of tendon of hand", SnomedCodeSystem.PreferredTerm(edition, hand, null));
        Assert.Equal(3, edition.Parents(hand).Length);
        Assert.Contains(edition.Outbound(hand).ToArray(), r => edition.IdOf(r.Type) == 260686004 && edition.IdOf(r.Destination) == 257903006);
        Assert.Contains(edition.Outbound(edition.IndexOf(1204474000)).ToArray(), r => r.Destination < 0 && r.ConcreteValue == "#1");
        Assert.NotEmpty(edition.Members(edition.IndexOf(SnomedIds.MrcmDomainRefset)).ToArray());
        Assert.Contains("domainId", edition.RefsetFields(edition.IndexOf(SnomedIds.MrcmDomainRefset)));
        Assert.Equal("International Edition", SnomedEditions.Name(edition));
    }

    [Fact]
    public void GivenHl7sTestSubsetWithoutEdition_WhenRead_ThenTheModuleNoOtherDependsOnIsTheEdition()
    {
        var edition = SnomedRelease.Open(SharedData.Path("tx-source/snomed"), null).Read();
        Assert.Equal("http://snomed.info/sct/31000003106/version/20250909", edition.Version.ToString());
    }

    [Fact]
    public void GivenASmallRelease_WhenRead_ThenConceptsDescriptionsRelationshipsAndRefsetsAreThere()
    {
        WriteRelease();
        var edition = SnomedRelease.Open(_folder, "http://snomed.info/sct/900000000000207008").Read();
        Assert.Equal("http://snomed.info/sct/900000000000207008/version/20250101", edition.Version.ToString());
        var finding = edition.IndexOf(404684003);
        Assert.False(edition.Facts(finding).Primitive);
        Assert.Equal([edition.IndexOf(138875005)], edition.Parents(finding).ToArray());
        Assert.Equal([finding], edition.Children(edition.IndexOf(138875005)).ToArray().Where(c => c == finding).ToArray());
        Assert.Equal("Clinical finding", SnomedCodeSystem.PreferredTerm(edition, finding, null));
        var d = edition.Descriptions(finding).ToArray().Single(x => x.Id == 2612374017);
        Assert.Equal([new SnomedAcceptability(SnomedIds.UsEnglish, true)], d.Acceptability);
        Assert.Contains(edition.Descriptions(finding).ToArray(), x => x.Term == "A finding, defined." && edition.IdOf(x.Type) == SnomedIds.Definition);
        // Stated and inactive relationships are left out: the edition serves the active inferred view.
        Assert.Single(edition.Outbound(finding).ToArray());
        var simple = edition.IndexOf(71388002);
        Assert.Equal([finding], edition.Members(simple).ToArray().Select(m => m.ReferencedConcept).ToArray());
        var inactive = edition.IndexOf(10200004);
        Assert.False(edition.Facts(inactive).Active);
        Assert.Equal([(edition.IndexOf(900000000000527005), finding)], edition.Associations(inactive));
    }

    [Fact]
    public void GivenTheReleaseAsAZip_WhenRead_ThenItReadsLikeTheFolder()
    {
        WriteRelease();
        var zip = Path.Combine(Path.GetTempPath(), $"rf2-{Guid.NewGuid():N}.zip");
        try
        {
            ZipFile.CreateFromDirectory(_folder, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
            var edition = SnomedRelease.Open(zip, "http://snomed.info/sct/900000000000207008/version/20250101").Read();
            Assert.Equal(9, edition.Count);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Theory]
    [InlineData("138875005\t20250101\t1\t900000000000207008", "sct2_Concept_Snapshot_INT_20250101.txt line 3: 4 columns where the header has 5.")]
    [InlineData("138875006\t20250101\t1\t900000000000207008\t900000000000074008", "sct2_Concept_Snapshot_INT_20250101.txt line 3: id '138875006' is not a valid SCTID")]
    [InlineData("138875005\t2025-01-01\t1\t900000000000207008\t900000000000074008", "line 3: effectiveTime '2025-01-01' is not a date yyyymmdd.")]
    [InlineData("138875005\t20250101\tyes\t900000000000207008\t900000000000074008", "line 3: active 'yes' must be 0 or 1.")]
    public void GivenABadConceptLine_WhenRead_ThenTheErrorNamesFileAndLine(string line, string message)
    {
        WriteRelease(extraConcept: line);
        var e = Assert.Throws<ImportException>(() => SnomedRelease.Open(_folder, null).Read());
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void GivenABadCheckDigitInADescription_WhenRead_ThenItIsRejected()
    {
        WriteRelease();
        File.AppendAllText(Path.Combine(_folder, "Terminology", "sct2_Description_Snapshot-en_INT_20250101.txt"),
            "2612374018\t20250101\t1\t900000000000207008\t404684003\ten\t900000000000013009\tBad\t900000000000448009\n");
        var e = Assert.Throws<ImportException>(() => SnomedRelease.Open(_folder, null).Read());
        Assert.StartsWith("sct2_Description_Snapshot-en_INT_20250101.txt line", e.Message, StringComparison.Ordinal);
        Assert.Contains("'2612374018' is not a valid SCTID", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnUnknownFileInTerminology_WhenOpened_ThenItIsRejected()
    {
        WriteRelease();
        File.WriteAllText(Path.Combine(_folder, "Terminology", "notes.txt"), "hello");
        var e = Assert.Throws<ImportException>(() => SnomedRelease.Open(_folder, null));
        Assert.Contains("notes.txt", e.Message, StringComparison.Ordinal);
        Assert.Contains("not an RF2 file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAWrongHeader_WhenRead_ThenTheFirstLineIsRejected()
    {
        WriteRelease();
        File.WriteAllText(Path.Combine(_folder, "Refset", "der2_cRefset_AssociationSnapshot_INT_20250101.txt"), "id\teffectiveTime\tactive\tmoduleId\trefsetId\treferencedComponentId\n");
        var e = Assert.Throws<ImportException>(() => SnomedRelease.Open(_folder, null).Read());
        Assert.Equal(1, e.Line);
        Assert.Contains("the header has 6 columns; a 'c' refset file has 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoConceptFile_WhenOpened_ThenItIsRejected()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "Terminology"));
        Assert.Throws<ImportException>(() => SnomedRelease.Open(_folder, null));
    }

    [Fact]
    public void GivenABadEditionUri_WhenOpened_ThenItIsRejected()
    {
        WriteRelease();
        var e = Assert.Throws<ImportException>(() => SnomedRelease.Open(_folder, "http://snomed.info/sct/123/version/2025"));
        Assert.Contains("--edition", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenFullAndDeltaFolders_WhenOpened_ThenOnlyTheSnapshotIsRead()
    {
        WriteRelease();
        Directory.CreateDirectory(Path.Combine(_folder, "Full", "Terminology"));
        File.WriteAllText(Path.Combine(_folder, "Full", "Terminology", "sct2_Concept_Full_INT_20250101.txt"), "broken");
        var release = SnomedRelease.Open(_folder, null);
        Assert.DoesNotContain(release.Files, f => f.Path.StartsWith("Full", StringComparison.Ordinal));
    }

    private void WriteRelease(string? extraConcept = null)
    {
        const string M = "900000000000207008";
        Write("Terminology/sct2_Concept_Snapshot_INT_20250101.txt", "id\teffectiveTime\tactive\tmoduleId\tdefinitionStatusId",
            $"138875005\t20250101\t1\t{M}\t900000000000074008",
            extraConcept ?? $"404684003\t20250101\t1\t{M}\t900000000000073002",
            $"116680003\t20250101\t1\t{M}\t900000000000074008",
            $"10200004\t20250101\t0\t{M}\t900000000000074008",
            $"71388002\t20250101\t1\t{M}\t900000000000074008",
            $"900000000000527005\t20250101\t1\t{M}\t900000000000074008",
            $"900000000000003001\t20250101\t1\t{M}\t900000000000074008",
            $"900000000000013009\t20250101\t1\t{M}\t900000000000074008",
            $"900000000000550004\t20250101\t1\t{M}\t900000000000074008");
        Write("Terminology/sct2_Description_Snapshot-en_INT_20250101.txt", "id\teffectiveTime\tactive\tmoduleId\tconceptId\tlanguageCode\ttypeId\tterm\tcaseSignificanceId",
            $"2612374017\t20250101\t1\t{M}\t404684003\ten\t900000000000013009\tClinical finding\t900000000000448009",
            $"779365010\t20250101\t1\t{M}\t404684003\ten\t900000000000003001\tClinical finding (finding)\t900000000000448009");
        Write("Terminology/sct2_TextDefinition_Snapshot-en_INT_20250101.txt", "id\teffectiveTime\tactive\tmoduleId\tconceptId\tlanguageCode\ttypeId\tterm\tcaseSignificanceId",
            $"70853015\t20250101\t1\t{M}\t404684003\ten\t900000000000550004\tA finding, defined.\t900000000000448009");
        Write("Terminology/sct2_Relationship_Snapshot_INT_20250101.txt", "id\teffectiveTime\tactive\tmoduleId\tsourceId\tdestinationId\trelationshipGroup\ttypeId\tcharacteristicTypeId\tmodifierId",
            $"1011000003024\t20250101\t1\t{M}\t404684003\t138875005\t0\t116680003\t900000000000011006\t900000000000451002",
            $"1021000003026\t20250101\t0\t{M}\t404684003\t71388002\t0\t116680003\t900000000000011006\t900000000000451002",
            $"1021000003026\t20250101\t1\t{M}\t404684003\t71388002\t0\t116680003\t900000000000010007\t900000000000451002");
        Write("Refset/Language/der2_cRefset_LanguageSnapshot-en_INT_20250101.txt", "id\teffectiveTime\tactive\tmoduleId\trefsetId\treferencedComponentId\tacceptabilityId",
            $"e12ff74f-2a71-4969-b00c-1eb981bea5d6\t20250101\t1\t{M}\t900000000000509007\t2612374017\t900000000000548007");
        Write("Refset/Content/der2_Refset_SimpleSnapshot_INT_20250101.txt", "id\teffectiveTime\tactive\tmoduleId\trefsetId\treferencedComponentId",
            $"c04e07c6-03ab-479e-adcb-34deddfe48b4\t20250101\t1\t{M}\t71388002\t404684003");
        Write("Refset/der2_cRefset_AssociationSnapshot_INT_20250101.txt", "id\teffectiveTime\tactive\tmoduleId\trefsetId\treferencedComponentId\ttargetComponentId",
            $"93c2b74b-d933-4f3e-ac5e-181eecfb5894\t20250101\t1\t{M}\t900000000000527005\t10200004\t404684003");
    }

    private void Write(string relative, params string[] lines)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
    }
}
