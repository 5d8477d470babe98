using System.Text;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Narratives;

namespace TerminologyServer.Engine.Tests.Narratives;

public sealed class NarrativeBadInputTests
{
    private static string Seed => NarrativeFiles.Seed;

    private static int LineOf(string text, string line) => text[..text.IndexOf(line, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    public static TheoryData<string, string, string, int> ParseErrors()
    {
        var seed = NarrativeFiles.Seed;
        var aftercare = seed.Replace("Alternatives\n", "Aftercare\n\nRest at home.\n\nAlternatives\n", StringComparison.Ordinal);
        var duplicate = seed.Replace("Benefits\n", "Summary\n\nAgain.\n\nBenefits\n", StringComparison.Ordinal);
        var empty = seed.Replace("Purpose\n\nEpidurography is used to identify abnormalities in the spinal cord or nerve roots, such as herniated discs, spinal stenosis, or spinal injuries. The goal is to provide a clear image for accurate diagnosis and to guide subsequent treatment plans.\n", "Purpose\n", StringComparison.Ordinal);
        var similar = seed + "\n  • 72240 Myelography, neck\n";
        return new()
        {
            { "empty document", "", "NARRATIVE_NO_TITLE", 1 },
            { "starts with a heading", "Summary\n\nA test.\n", "NARRATIVE_NO_TITLE", 1 },
            { "starts with a list", "\n  • A test\n", "NARRATIVE_UNEXPECTED_TEXT", 2 },
            { "unknown heading", aftercare, "NARRATIVE_UNKNOWN_HEADING", LineOf(aftercare, "Aftercare") },
            { "unknown Markdown heading", "# Epidurography\n\n## Summary\n\nA test.\n\n## Aftercare\n\nRest.\n", "NARRATIVE_UNKNOWN_HEADING", 7 },
            { "duplicated heading", duplicate, "NARRATIVE_DUPLICATE_HEADING", LineOf(duplicate, "Summary\n\nAgain.") },
            { "empty content section", empty, "NARRATIVE_EMPTY_SECTION", LineOf(empty, "Purpose") },
            { "content under Similar Codes", similar, "NARRATIVE_SERVER_SECTION", LineOf(similar, "  • 72240") },
            { "no summary", "Epidurography\n\nPurpose\n\nA test.\n", "NARRATIVE_NO_SUMMARY", 0 },
        };
    }

    [Theory]
    [MemberData(nameof(ParseErrors))]
    public void GivenABadDocument_WhenParsed_ThenTheErrorNamesTheFileAndTheLine(string _, string text, string messageId, int line)
    {
        var e = Assert.Throws<NarrativeException>(() => NarrativeParser.Parse(text, "bad.txt"));

        Assert.Equal(messageId, e.MessageId);
        Assert.Equal(line, e.Line);
        Assert.StartsWith(line > 0 ? $"bad.txt, line {line}: " : "bad.txt: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnUnknownHeading_WhenParsed_ThenTheKnownHeadingsAreTheCandidates()
    {
        var e = Assert.Throws<NarrativeException>(() => NarrativeParser.Parse("# T\n\n## Aftercare\n", "bad.md"));

        Assert.Contains("Recovery", e.Candidates);
        Assert.Contains("Candidates: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenACodeNotInTheCodeSystem_WhenResolved_ThenTheErrorNamesTheCodeLine()
    {
        var doc = NarrativeParser.Parse(Seed.Replace("CPT4 code\n", "CPT4 code: 99999\n", StringComparison.Ordinal), "bad.txt");

        var e = Assert.Throws<NarrativeException>(() => NarrativeResolver.Resolve(doc, NarrativeFiles.Cpt));

        Assert.Equal("NARRATIVE_UNKNOWN_CODE", e.MessageId);
        Assert.Equal(5, e.Line);
        Assert.Contains("'99999'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenATitleMatchingNoDisplay_WhenResolved_ThenTheClosestDisplaysAreTheCandidates()
    {
        var doc = NarrativeParser.Parse(Seed.Replace("\nEpidurography, radiological supervision and interpretation\n", "\nEpidurography of the neck\n", StringComparison.Ordinal)
            .Replace("Epidurography, Radiological Supervision, and Interpretation", "Neck epidurography", StringComparison.Ordinal), "bad.txt");

        var e = Assert.Throws<NarrativeException>(() => NarrativeResolver.Resolve(doc, NarrativeFiles.Cpt));

        Assert.Equal("NARRATIVE_UNKNOWN_TITLE", e.MessageId);
        Assert.Equal(3, e.Line);
        Assert.Contains(e.Candidates, c => c.StartsWith("72275 ", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenATitleMatchingTwoDisplays_WhenResolved_ThenItIsAmbiguousAndBothAreCandidates()
    {
        var cs = FhirCodeSystemReader.ToIndex(new CodeSystem
        {
            Url = "http://www.ama-assn.org/go/cpt",
            Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Complete,
            Concept = [new() { Code = "1", Display = "Epidurography, radiological supervision and interpretation" }, new() { Code = "2", Display = "EPIDUROGRAPHY: radiological supervision & interpretation" }],
        });

        var e = Assert.Throws<NarrativeException>(() => NarrativeResolver.Resolve(NarrativeParser.Parse(Seed, "seed.txt"), cs));

        Assert.Equal("NARRATIVE_AMBIGUOUS_TITLE", e.MessageId);
        Assert.Equal(2, e.Candidates.Count);
    }

    [Fact]
    public void GivenLatin1Bytes_WhenDecoded_ThenNotUtf8AtTheLine()
    {
        var bytes = Encoding.Latin1.GetBytes("Epidurography\n\nSummary\n\nCaf\u00e9 test\n");

        var e = Assert.Throws<NarrativeException>(() => NarrativeParser.Decode(bytes, "latin1.txt"));

        Assert.Equal("NARRATIVE_NOT_UTF8", e.MessageId);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void GivenABinaryFile_WhenDecoded_ThenNotText()
    {
        var e = Assert.Throws<NarrativeException>(() => NarrativeParser.Decode(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0 }, "archive.zip"));

        Assert.Equal("NARRATIVE_NOT_TEXT", e.MessageId);
    }

    [Fact]
    public void GivenADocumentOverTheLimit_WhenDecoded_ThenTooLong()
    {
        var e = Assert.Throws<NarrativeException>(() => NarrativeParser.Decode(Encoding.UTF8.GetBytes(Seed), "seed.txt", maxBytes: 100));

        Assert.Equal("NARRATIVE_TOO_LARGE", e.MessageId);
        Assert.Equal(OperationOutcome.IssueType.TooLong, e.IssueType);
    }
}
