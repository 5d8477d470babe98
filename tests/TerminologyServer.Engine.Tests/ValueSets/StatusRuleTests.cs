using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.ValueSets;

/// <summary>
/// Deprecated, withdrawn, retired, experimental, draft (docs/conformance.md, "Status"): one warning per resource,
/// the strongest status first; experimental and draft are not news to a value set that is so itself; a concept's
/// status (property or standards-status extension) travels with it; a value set entry's marks are echoed.
/// </summary>
public class StatusRuleTests
{
    private const string StandardsStatus = "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status";
    private const string Rivers = "http://example.org/cs/rivers";

    private static CodeSystem RiversCodeSystem(Action<CodeSystem>? change = null)
    {
        var cs = new CodeSystem { Url = Rivers, Version = "7", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete };
        cs.Property.Add(new CodeSystem.PropertyComponent { Code = "status", Type = CodeSystem.PropertyType.Code });
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "rhine", Display = "Rhine" });
        var danube = new CodeSystem.ConceptDefinitionComponent { Code = "danube", Display = "Danube" };
        danube.SetExtension(StandardsStatus, new Code("deprecated"));
        cs.Concept.Add(danube);
        var elbe = new CodeSystem.ConceptDefinitionComponent { Code = "elbe", Display = "Elbe" };
        elbe.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = "status", Value = new Code("draft") });
        cs.Concept.Add(elbe);
        change?.Invoke(cs);
        return cs;
    }

    private static ValueSet Rivers3(Action<ValueSet>? change = null)
    {
        var vs = ValueSet("http://example.org/vs/rivers", Include(Rivers, "rhine", "danube", "elbe"));
        change?.Invoke(vs);
        return vs;
    }

    private static ValueSet Expand(ValueSet vs, CodeSystemRegistry codeSystems, params ValueSet[] others) =>
        new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(others), codeSystems);

    private static string[] Warnings(ValueSet expanded) =>
        expanded.Expansion!.Parameter.Where(p => p.Name!.StartsWith("warning-")).Select(p => $"{p.Name} {p.Value}").ToArray();

    [Fact]
    public void GivenARetiredCodeSystem_WhenExpandingAndValidating_ThenItIsReportedAsRetired()
    {
        var registry = Registry(RiversCodeSystem(cs => cs.Status = PublicationStatus.Retired));

        Assert.Equal([$"warning-retired {Rivers}|7"], Warnings(Expand(Rivers3(), registry)));
        var validated = new ValueSetValidator().ValidateCode(new ValidateCodeRequest { ValueSet = Rivers3(), System = Rivers, Code = "rhine" }, VsRegistry(), registry);
        Assert.Equal($"Reference to retired CodeSystem {Rivers}|7", Assert.Single(validated.Issues!.Issue).Details!.Text);
    }

    [Fact]
    public void GivenACodeSystemThatIsDraftExperimentalAndDeprecated_WhenExpanding_ThenOnlyTheStrongestStatusIsReported()
    {
        var registry = Registry(RiversCodeSystem(cs =>
        {
            cs.Status = PublicationStatus.Draft;
            cs.Experimental = true;
            cs.SetExtension(StandardsStatus, new Code("deprecated"));
        }));

        Assert.Equal([$"warning-deprecated {Rivers}|7"], Warnings(Expand(Rivers3(), registry)));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void GivenAValueSetThatIsExperimentalOrDraftItself_WhenItUsesContentThatIsSoToo_ThenThatIsNoWarning(bool experimental, bool draft)
    {
        var registry = Registry(RiversCodeSystem(cs =>
        {
            cs.Experimental = experimental;
            cs.Status = draft ? PublicationStatus.Draft : PublicationStatus.Active;
        }));
        var same = Rivers3(vs =>
        {
            vs.Experimental = experimental;
            vs.Status = draft ? PublicationStatus.Draft : PublicationStatus.Active;
        });

        Assert.Empty(Warnings(Expand(same, registry)));
        Assert.Single(Warnings(Expand(Rivers3(), registry)));
    }

    [Fact]
    public void GivenARetiredImportedValueSet_WhenExpanding_ThenItIsReportedButADraftOneOnlyToAnActiveValueSet()
    {
        var retired = ValueSet("http://example.org/vs/old-rivers", Include(Rivers, "rhine"));
        retired.Status = PublicationStatus.Retired;
        var draft = ValueSet("http://example.org/vs/new-rivers", Include(Rivers, "elbe"));
        draft.Status = PublicationStatus.Draft;
        var include = new ValueSet.ConceptSetComponent();
        include.ValueSetElement.Add(new Hl7.Fhir.Model.Canonical(retired.Url));
        var include2 = new ValueSet.ConceptSetComponent();
        include2.ValueSetElement.Add(new Hl7.Fhir.Model.Canonical(draft.Url));

        var warnings = Warnings(Expand(ValueSet("http://example.org/vs/all-rivers", include, include2), Registry(RiversCodeSystem()), retired, draft));

        Assert.Equal(["warning-retired http://example.org/vs/old-rivers|1", "warning-draft http://example.org/vs/new-rivers|1"], warnings);
    }

    [Fact]
    public void GivenConceptsWithAStatus_WhenExpanding_ThenTheStatusIsAPropertyAndNotAnExtension()
    {
        var expanded = Expand(Rivers3(), Registry(RiversCodeSystem()));

        string? Status(string code) => expanded.Expansion!.Contains.Single(c => c.Code == code).Extension
            .Where(e => e.Url == TerminologyExtensionUrls.ContainsProperty && e.GetExtensionValue<Code>("code")?.Value == "status")
            .Select(e => e.GetExtensionValue<Code>("value")?.Value).SingleOrDefault();

        Assert.Null(Status("rhine"));
        Assert.Equal("deprecated", Status("danube"));
        Assert.Equal("draft", Status("elbe"));
        Assert.DoesNotContain(expanded.Expansion!.Contains.SelectMany(c => c.Extension), e => e.Url == StandardsStatus);
    }

    [Fact]
    public void GivenAConceptDeprecatedByItsCodeSystemExtension_WhenValidating_ThenValidWithTheDeprecationWarning()
    {
        var result = new ValueSetValidator().ValidateCode(
            new ValidateCodeRequest { ValueSet = Rivers3(), System = Rivers, Code = "danube" }, VsRegistry(), Registry(RiversCodeSystem()));

        Assert.True(result.Result);
        var issue = Assert.Single(result.Issues!.Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, issue.Severity);
        Assert.Equal("The concept 'danube' is deprecated and its use should be reviewed", issue.Details!.Text);
    }

    [Fact]
    public void GivenValueSetEntriesMarkedWithdrawnOrDeprecated_WhenExpanding_ThenTheMarksAreEchoedOnThoseMembersOnly()
    {
        var vs = Rivers3(v =>
        {
            v.Compose!.Include[0].Concept[0].SetExtension(StandardsStatus, new Code("withdrawn"));
            v.Compose.Include[0].Concept[2].SetExtension(ContentStatus.ValueSetDeprecated, new FhirBoolean(true));
        });

        var contains = Expand(vs, Registry(RiversCodeSystem())).Expansion!.Contains;

        Assert.Equal("withdrawn", contains[0].GetExtensionValue<Code>(StandardsStatus)?.Value);
        Assert.DoesNotContain(contains[1].Extension, e => e.Url == StandardsStatus || e.Url == ContentStatus.ValueSetDeprecated);
        Assert.NotNull(contains[2].GetExtension(ContentStatus.ValueSetDeprecated));
    }
}
