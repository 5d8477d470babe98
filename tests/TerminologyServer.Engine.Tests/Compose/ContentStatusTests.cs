using Hl7.Fhir.Model;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Compose;

public class ContentStatusTests
{
    [Fact]
    public void GivenADraftCodeSystem_WhenExpandingAndValidating_ThenItIsFlagged()
    {
        var cs = AnimalsCodeSystem();
        cs.Status = PublicationStatus.Draft;
        var vs = ValueSet("http://example.org/vs/d", Include(Animals, "dog"));

        var expanded = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), Registry(cs));
        Assert.Contains(expanded.Expansion!.Parameter, p => p.Name == "warning-draft" && p.Value!.ToString() == $"{Animals}|1.0");

        var validated = new ValueSetValidator().ValidateCode(new ValidateCodeRequest { ValueSet = vs, System = Animals, Code = "dog" }, VsRegistry(), Registry(cs));
        Assert.True(validated.Result);
        Assert.Equal("status-check", validated.Issues!.Issue.Single().Details!.Coding[0].Code);
    }

    [Fact]
    public void GivenAnExperimentalCodeSystem_WhenExpandingAndValidating_ThenItIsFlaggedOutsideTheMessage()
    {
        var cs = AnimalsCodeSystem();
        cs.Experimental = true;
        var vs = ValueSet("http://example.org/vs/x", Include(Animals, "dog"));

        var expanded = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), Registry(cs));
        Assert.Contains(expanded.Expansion!.Parameter, p => p.Name == "warning-experimental" && p.Value!.ToString() == $"{Animals}|1.0");

        var validated = new ValueSetValidator().ValidateCode(new ValidateCodeRequest { ValueSet = vs, System = Animals, Code = "dog" }, VsRegistry(), Registry(cs));
        Assert.True(validated.Result);
        Assert.Equal($"Reference to experimental CodeSystem {Animals}|1.0", validated.Issues!.Issue.Single().Details!.Text);
        Assert.Null(validated.Message);
    }

    [Fact]
    public void GivenACodeSystemWithStandardsStatusDeprecated_WhenExpanding_ThenWarningDeprecatedNamesIt()
    {
        var cs = AnimalsCodeSystem();
        cs.SetExtension("http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status", new Code("deprecated"));
        var vs = ValueSet("http://example.org/vs/x", Include(Animals, "dog"));

        var expanded = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), Registry(cs));

        Assert.Contains(expanded.Expansion!.Parameter, p => p.Name == "warning-deprecated" && p.Value!.ToString() == $"{Animals}|1.0");
    }

    [Fact]
    public void GivenAWithdrawnImportedValueSet_WhenExpanding_ThenWarningWithdrawnNamesIt()
    {
        var withdrawn = ValueSet("http://example.org/vs/old", Include(Animals, "dog"));
        withdrawn.SetExtension("http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status", new Code("withdrawn"));
        var include = new ValueSet.ConceptSetComponent();
        include.ValueSetElement.Add(new Hl7.Fhir.Model.Canonical(withdrawn.Url));

        var expanded = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = ValueSet("http://example.org/vs/new", include) }, VsRegistry(withdrawn), Registry());

        Assert.Contains(expanded.Expansion!.Parameter, p => p.Name == "warning-withdrawn" && p.Value!.ToString() == "http://example.org/vs/old|1");
    }

    [Fact]
    public void GivenAValueSetEntryMarkedDeprecated_WhenValidatingIt_ThenValidWithAWarning()
    {
        var include = Include(Animals, "dog");
        include.Concept[0].SetExtension("http://hl7.org/fhir/StructureDefinition/valueset-deprecated", new FhirBoolean(true));
        var vs = ValueSet("http://example.org/vs/dep", include);

        var result = new ValueSetValidator().ValidateCode(new ValidateCodeRequest { ValueSet = vs, Coding = new Coding(Animals, "dog") }, VsRegistry(), Registry());

        Assert.True(result.Result);
        Assert.Equal("code-comment", result.Issues!.Issue.Single().Details!.Coding[0].Code);
        Assert.Equal("Coding.code", result.Issues.Issue[0].Expression.Single());
    }
}
