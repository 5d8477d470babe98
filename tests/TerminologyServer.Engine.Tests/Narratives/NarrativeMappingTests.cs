using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using TerminologyServer.Engine.Narratives;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Engine.Tests.Narratives;

public sealed class NarrativeMappingTests
{
    private static readonly Lazy<Validator> R4Validator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip")));
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    private static (NarrativeDocument Doc, CodeSystem.ConceptDefinitionComponent Concept, PlanDefinition Plan) Seed()
    {
        var doc = NarrativeFiles.Parse(NarrativeFiles.Seed, "cpt-72275.txt");
        var concept = NarrativeResolver.Resolve(doc, NarrativeFiles.Cpt);
        return (doc, NarrativeMapper.ToConcept(doc, concept.Code, P.PlanDefinitionUrl("cpt", concept.Code)),
            NarrativePlanDefinition.Build(doc, "cpt", P.Cpt, concept.Code, concept.Display));
    }

    private static List<string> Values(CodeSystem.ConceptDefinitionComponent concept, string code) =>
        concept.Property.Where(p => p.Code == code).Select(p => p.Value.ToString()!).ToList();

    [Fact]
    public void GivenTheSeedWithoutCodeLine_WhenResolved_ThenTheTitleFinds72275AmongInactiveCodes()
    {
        var doc = NarrativeFiles.Parse(NarrativeFiles.Seed);

        var concept = NarrativeResolver.Resolve(doc, NarrativeFiles.Cpt);

        Assert.Equal("72275", concept.Code);
        Assert.True(concept.IsInactive);
    }

    [Fact]
    public void GivenTheSeed_WhenMapped_ThenEachSectionIsItsDeclaredProperty()
    {
        var (_, concept, _) = Seed();

        Assert.Equal("72275", concept.Code);
        Assert.Equal("Epidurography, Radiological Supervision, and Interpretation", concept.Designation.Single(d => d.Use.Code == P.NameUseCode).Value);
        Assert.Single(Values(concept, P.Summary));
        Assert.Single(Values(concept, P.Purpose));
        Assert.Equal(5, Values(concept, P.Indication).Count);
        Assert.Equal(4, Values(concept, P.Preparation).Count);
        Assert.Equal(["The patient lies face down on an X-ray table.", "The skin over the injection site is cleaned and numbed with a local anesthetic.",
            "Using fluoroscopy (real-time X-ray guidance), a needle is inserted into the epidural space.", "Contrast dye is injected through the needle.",
            "X-ray images are taken to visualize the distribution of the dye and the structure of the spine.", "The needle is removed, and the injection site is bandaged."],
            Values(concept, P.ProcedureStep));
        Assert.Equal(["30"], Values(concept, P.DurationMin));
        Assert.Equal(["60"], Values(concept, P.DurationMax));
        Assert.IsType<Integer>(concept.Property.Single(p => p.Code == P.DurationMin).Value);
        Assert.Single(Values(concept, P.Setting));
        Assert.Equal(3, Values(concept, P.Personnel).Count);
        Assert.Single(Values(concept, P.RiskCommon));
        Assert.Single(Values(concept, P.RiskRare));
        Assert.Single(Values(concept, P.RiskManagement));
        Assert.Equal(3, Values(concept, P.Benefit).Count);
        Assert.Equal(3, Values(concept, P.Recovery).Count);
        Assert.Equal(3, Values(concept, P.Alternative).Count);
        Assert.Equal(3, Values(concept, P.PatientExperience).Count);
        Assert.Empty(Values(concept, P.Policy));
        Assert.Equal(["http://terminologyserver.org/fhir/PlanDefinition/cpt-72275"], Values(concept, P.PlanDefinition));
    }

    [Fact]
    public void GivenTwoImports_WhenMergedIntoTheSupplement_ThenBothConceptsAreKeptInCodeOrder()
    {
        var (_, concept, _) = Seed();
        var other = new CodeSystem.ConceptDefinitionComponent { Code = "62284", Display = "x" };

        var first = NarrativeMapper.MergeIntoSupplement(null, "cpt", P.Cpt, "CPT", concept);
        var second = NarrativeMapper.MergeIntoSupplement(first, "cpt", P.Cpt, "CPT", other);

        Assert.Equal("cpt-narratives", second.Id);
        Assert.Equal("http://terminologyserver.org/fhir/CodeSystem/cpt-narratives", second.Url);
        Assert.Equal(CodeSystemContentMode.Supplement, second.Content);
        Assert.Equal(P.Cpt, second.Supplements);
        Assert.Equal(["62284", "72275"], second.Concept.Select(c => c.Code));
        Assert.All(second.Property, p => Assert.Equal(P.PropertyUriBase + p.Code, p.Uri));
    }

    [Fact]
    public void GivenTheSeed_WhenThePlanDefinitionIsBuilt_ThenItDescribesTheProcedure()
    {
        var (_, _, plan) = Seed();

        Assert.Equal("cpt-72275", plan.Id);
        Assert.Equal("http://terminologyserver.org/fhir/PlanDefinition/cpt-72275", plan.Url);
        Assert.Equal("clinical-protocol", plan.Type.Coding[0].Code);
        Assert.Equal("72275", plan.Topic.Single().Coding.Single().Code);
        Assert.StartsWith("Epidurography is a diagnostic imaging procedure", plan.Description);
        Assert.Equal("venue", plan.UseContext.Single().Code.Code);
        Assert.Equal(["preparation", "procedure", "recovery"], plan.Action.Select(a => a.ElementId));
        var procedure = plan.Action[1];
        Assert.Equal("72275", procedure.Code.Single().Coding.Single().Code);
        Assert.Equal(6, procedure.Action.Count);
        Assert.Equal("step-5", procedure.Action[5].RelatedAction.Single().ActionId);
        Assert.Equal(3, procedure.Participant.Count);
        var timing = Assert.IsType<Hl7.Fhir.Model.Range>(procedure.Timing);
        Assert.Equal(30m, timing.Low.Value);
        Assert.Equal(60m, timing.High.Value);
        Assert.Equal(3, plan.RelatedArtifact.Count(r => r.Label == "Alternative"));
    }

    [Fact]
    public void GivenEveryShippedNarrative_WhenItsPlanDefinitionIsValidatedAgainstR4_ThenThereAreNoErrors()
    {
        foreach (var file in NarrativeFiles.All)
        {
            var doc = NarrativeFiles.Parse(File.ReadAllText(file), Path.GetFileName(file));
            var concept = NarrativeResolver.Resolve(doc, NarrativeFiles.Cpt);
            var plan = NarrativePlanDefinition.Build(doc, "cpt", P.Cpt, concept.Code, concept.Display);

            var outcome = R4Validator.Value.Validate(plan);

            var problems = outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal or OperationOutcome.IssueSeverity.Warning)
                .Select(i => $"{i.Severity} {i.Details?.Text ?? i.Diagnostics} @ {string.Join(",", i.Expression)}").ToList();
            Assert.True(problems.Count == 0, $"{Path.GetFileName(file)}: {string.Join("\n", problems)}");
        }
    }

    [Fact]
    public void GivenAnInvalidPlanDefinition_WhenValidated_ThenTheValidatorReportsIt()
    {
        var (_, _, plan) = Seed();
        plan.Status = null;
        plan.Action[1].RelatedAction.Add(new PlanDefinition.RelatedActionComponent { ActionId = "step-1" });

        var outcome = R4Validator.Value.Validate(plan);

        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error);
    }
}
