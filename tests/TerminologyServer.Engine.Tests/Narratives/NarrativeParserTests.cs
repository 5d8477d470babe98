using TerminologyServer.Engine.Narratives;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Engine.Tests.Narratives;

public sealed class NarrativeParserTests
{
    [Fact]
    public void GivenTheSeed_WhenParsed_ThenTitleNameAndSystemAreRead()
    {
        var doc = NarrativeFiles.Parse(NarrativeFiles.Seed, "cpt-72275.txt");

        Assert.Equal("Epidurography, radiological supervision and interpretation", doc.Title);
        Assert.Equal(3, doc.TitleLine);
        Assert.Equal("CPT4 code", doc.SystemLabel);
        Assert.Equal(P.Cpt, doc.System);
        Assert.Null(doc.Code);
        Assert.Equal("Epidurography, Radiological Supervision, and Interpretation", doc.ProcedureName);
    }

    [Fact]
    public void GivenTheSeed_WhenParsed_ThenEverySectionLandsInItsProperty()
    {
        var doc = NarrativeFiles.Parse(NarrativeFiles.Seed);

        Assert.StartsWith("Epidurography is a diagnostic imaging procedure", Assert.Single(doc.ValuesOf(P.Summary)));
        Assert.StartsWith("Epidurography is used to identify abnormalities", Assert.Single(doc.ValuesOf(P.Purpose)));
        Assert.Equal(
            ["Persistent back pain not relieved by conservative treatment", "Radiating pain down the legs (sciatica)", "Suspected herniated discs or spinal stenosis", "Post-surgical assessment", "To plan for further spinal procedures or surgeries"],
            doc.ValuesOf(P.Indication));
        Assert.Equal(4, doc.ValuesOf(P.Preparation).Count());
        Assert.Equal("Patients should arrange for someone to drive them home post-procedure.", doc.ValuesOf(P.Preparation).Last());
        var steps = doc.ValuesOf(P.ProcedureStep).ToList();
        Assert.Equal(6, steps.Count);
        Assert.Equal("The patient lies face down on an X-ray table.", steps[0]);
        Assert.Equal("Contrast dye is injected through the needle.", steps[3]);
        Assert.Equal("The needle is removed, and the injection site is bandaged.", steps[5]);
        Assert.Equal("The entire procedure typically takes about 30 to 60 minutes.", Assert.Single(doc.ValuesOf(P.Duration)));
        Assert.StartsWith("Epidurography is usually performed in a hospital radiology department", Assert.Single(doc.ValuesOf(P.Setting)));
        Assert.Equal(["Radiologist or Interventional Pain Specialist", "Radiologic Technologist", "Nurse or Medical Assistant"], doc.ValuesOf(P.Personnel));
        Assert.Equal("Temporary discomfort at the injection site, headache", Assert.Single(doc.ValuesOf(P.RiskCommon)));
        Assert.Equal("Infection, bleeding, allergic reaction to contrast dye, nerve damage", Assert.Single(doc.ValuesOf(P.RiskRare)));
        Assert.Equal("Complications can be managed with appropriate medical intervention.", Assert.Single(doc.ValuesOf(P.RiskManagement)));
        Assert.Equal(3, doc.ValuesOf(P.Benefit).Count());
        Assert.Equal(3, doc.ValuesOf(P.Recovery).Count());
        Assert.Equal("Myelography: Another type of contrast imaging of the spinal cord, but more invasive.", doc.ValuesOf(P.Alternative).ElementAt(1));
        Assert.EndsWith("applying ice packs to the injection site may also help with recovery.", doc.ValuesOf(P.PatientExperience).Last());
        Assert.Empty(doc.ValuesOf(P.Policy));
    }

    [Fact]
    public void GivenTheSeedDuration_WhenMinutesAreRead_ThenThirtyToSixty()
    {
        var doc = NarrativeFiles.Parse(NarrativeFiles.Seed);

        Assert.Equal((30, 60), NarrativeSections.Minutes(doc.ValuesOf(P.Duration).Single()));
    }

    [Theory]
    [InlineData("about 45 minutes", 45, 45)]
    [InlineData("1 to 2 hours", 60, 120)]
    [InlineData("30 minutes to 1 hour", 30, 60)]
    [InlineData("15-20 min", 15, 20)]
    public void GivenDurationTexts_WhenMinutesAreRead_ThenMinAndMaxInMinutes(string text, int min, int max) =>
        Assert.Equal((min, max), NarrativeSections.Minutes(text));

    [Fact]
    public void GivenADurationWithoutNumbers_WhenMinutesAreRead_ThenNone() =>
        Assert.Null(NarrativeSections.Minutes("Usually less than an hour."));

    public static TheoryData<string, Func<string, string>> Variations => new()
    {
        { "Windows line endings", s => s.Replace("\n", "\r\n") },
        { "no blank lines", s => string.Join("\n", s.Split('\n').Where(l => l.Trim().Length > 0)) },
        { "extra blank lines", s => s.Replace("\n\n", "\n\n\n\n") },
        { "dash bullets", s => s.Replace("  • ", "- ") },
        { "star bullets", s => s.Replace("  • ", "  * ") },
        { "headings with colons", s => s.Replace("\nSummary\n", "\nSummary:\n").Replace("\nDuration\n", "\nDuration:\n") },
        { "byte order mark and tabs", s => "\uFEFF" + s.Replace("  • ", "\t• ") },
        { "Markdown", ToMarkdown },
    };

    [Theory]
    [MemberData(nameof(Variations))]
    public void GivenAVariationOfTheSeed_WhenParsed_ThenTheStructureIsTheSeeds(string variation, Func<string, string> change)
    {
        var expected = NarrativeFiles.Parse(NarrativeFiles.Seed);

        var doc = NarrativeFiles.Parse(change(NarrativeFiles.Seed));

        Assert.True(expected.Structure().SequenceEqual(doc.Structure()), variation);
        Assert.Equal(expected.Title, doc.Title);
    }

    [Fact]
    public void GivenAnExplicitCodeLine_WhenParsed_ThenTheCodeAndItsLineAreRead()
    {
        var doc = NarrativeFiles.Parse(NarrativeFiles.Seed.Replace("CPT4 code\n", "CPT4 code: 72275\n"));

        Assert.Equal("72275", doc.Code);
        Assert.Equal(5, doc.CodeLine);
    }

    [Fact]
    public void GivenInlineHeadingsAndBoldLabels_WhenParsed_ThenTheyAreRead()
    {
        var doc = NarrativeFiles.Parse("# Lumbar myelogram\n\nCode: 72265\n\n**Summary:** A test.\n\n## Risks\n\n- **Common:** Headache\n- **Rare:** Infection\n\nDuration: About 45 minutes.\n");

        Assert.Equal("72265", doc.Code);
        Assert.Equal("A test.", doc.ValuesOf(P.Summary).Single());
        Assert.Equal("Headache", doc.ValuesOf(P.RiskCommon).Single());
        Assert.Equal("Infection", doc.ValuesOf(P.RiskRare).Single());
        Assert.Equal("About 45 minutes.", doc.ValuesOf(P.Duration).Single());
    }

    /// <summary>The seed as a person would write it in Markdown: # title, ## headings, - bullets, bold risk labels.</summary>
    private static string ToMarkdown(string seed)
    {
        var lines = seed.Split('\n').ToList();
        var result = new List<string>();
        foreach (var line in lines)
        {
            var t = line.Trim();
            if (t == "Search all medical codes")
            {
                continue;
            }

            if (t == "Epidurography, radiological supervision and interpretation")
            {
                result.Add("# " + t);
            }
            else if (NarrativeHeadings.Find(t) is not null)
            {
                result.Add("## " + t);
            }
            else if (t.StartsWith("• Common:", StringComparison.Ordinal) || t.StartsWith("• Rare:", StringComparison.Ordinal))
            {
                var colon = t.IndexOf(':', StringComparison.Ordinal);
                result.Add("- **" + t[2..colon] + ":**" + t[(colon + 1)..]);
            }
            else
            {
                result.Add(t.StartsWith('•') ? "-" + t[1..] : t);
            }
        }

        return string.Join("\n", result);
    }
}
