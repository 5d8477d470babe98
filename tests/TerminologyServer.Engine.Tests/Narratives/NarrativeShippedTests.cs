using TerminologyServer.Engine.Narratives;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Engine.Tests.Narratives;

/// <summary>Every narrative shipped in fhir-resources/narratives parses, names a code of the CPT fragment, and survives export.</summary>
public sealed class NarrativeShippedTests
{
    public static TheoryData<string> Files => new(NarrativeFiles.All.Select(Path.GetFileName)!);

    [Fact]
    public void GivenTheShippedFolder_ThenTheSeedAndAtLeastTenMoreCodesAreThere()
    {
        var codes = NarrativeFiles.All.Select(f => NarrativeResolver.Resolve(NarrativeFiles.Parse(File.ReadAllText(f)), NarrativeFiles.Cpt).Code).ToList();

        Assert.Contains("72275", codes);
        Assert.True(codes.Distinct().Count() >= 11, string.Join(", ", codes));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void GivenAShippedNarrative_WhenParsed_ThenItNamesItsCodeAndHasEveryContentSection(string file)
    {
        var doc = NarrativeFiles.Parse(File.ReadAllText(Path.Combine(NarrativeFiles.Folder, file)), file);

        var concept = NarrativeResolver.Resolve(doc, NarrativeFiles.Cpt);

        Assert.Equal($"cpt-{concept.Code}.txt", file);
        Assert.Equal(NarrativeHeadings.Normalize(concept.Display!), NarrativeHeadings.Normalize(doc.Title));
        foreach (var property in new[] { P.Summary, P.Purpose, P.Indication, P.Preparation, P.ProcedureStep, P.Duration, P.Setting, P.Personnel, P.RiskCommon, P.RiskRare, P.RiskManagement, P.Benefit, P.Recovery, P.Alternative, P.PatientExperience })
        {
            Assert.True(doc.ValuesOf(property).Any(), $"{file} has no {property}");
        }

        Assert.NotNull(NarrativeSections.Minutes(doc.ValuesOf(P.Duration).Single()));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void GivenAShippedNarrative_WhenMappedRenderedAndParsedAgain_ThenTheStructureIsTheSame(string file)
    {
        var doc = NarrativeFiles.Parse(File.ReadAllText(Path.Combine(NarrativeFiles.Folder, file)), file);
        var code = NarrativeResolver.Resolve(doc, NarrativeFiles.Cpt).Code;
        var concept = NarrativeMapper.ToConcept(doc, code, P.PlanDefinitionUrl("cpt", code));

        var exported = NarrativeRenderer.Render(NarrativeMapper.FromConcept(concept, P.Cpt, "export"));
        var again = NarrativeFiles.Parse(exported, "export");

        Assert.Equal(doc.Structure(), again.Structure());
        Assert.Equal(code, again.Code);
        Assert.Equal(doc.Title, again.Title);
    }
}
