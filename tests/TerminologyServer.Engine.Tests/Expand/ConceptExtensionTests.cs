using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Expand;

/// <summary>Concept-level extensions (label, order, weight, rendering-*, designation extensions) from code systems, supplements and value sets.</summary>
public class ConceptExtensionTests
{
    private const string Url = "http://example.org/cs/ranked";
    private const string SupplementUrl = "http://example.org/cs/ranked-labels";
    private const string SctDescId = "http://hl7.org/fhir/StructureDefinition/coding-sctdescid";

    private static CodeSystem Ranked()
    {
        var first = new CodeSystem.ConceptDefinitionComponent { Code = "first", Display = "First" };
        first.AddExtension(ConceptExtensions.CodeSystemConceptOrder, new Integer(2));
        first.AddExtension(ConceptExtensions.RenderingStyle, new FhirString("font-weight: bold"));
        first.AddExtension("http://example.org/unknown", new FhirString("not echoed"));
        var designation = new CodeSystem.DesignationComponent { Language = "de", Value = "Erster" };
        designation.AddExtension(SctDescId, new Id("1234"));
        first.Designation.Add(designation);
        var second = new CodeSystem.ConceptDefinitionComponent { Code = "second", Display = "Second" };
        second.AddExtension(ConceptExtensions.CodeSystemConceptOrder, new Integer(1));
        var plain = new CodeSystem.ConceptDefinitionComponent { Code = "plain", Display = "Plain" };
        return new CodeSystem
        {
            Url = Url, Version = "1", Language = "en", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete,
            Concept = [first, second, plain],
        };
    }

    private static CodeSystem Supplement()
    {
        var first = new CodeSystem.ConceptDefinitionComponent { Code = "first" };
        first.AddExtension(ConceptExtensions.CodeSystemLabel, new FhirString("a."));
        first.AddExtension(ConceptExtensions.ItemWeight, new FhirDecimal(1.5m));
        return new CodeSystem
        {
            Url = SupplementUrl, Version = "1", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Supplement, Supplements = Url,
            Concept = [first],
        };
    }

    private static ValueSet.ContainsComponent Member(ValueSet expanded, string code) => expanded.Expansion!.Contains.Single(c => c.Code == code);

    private static Dictionary<string, string> Properties(ValueSet.ContainsComponent c) =>
        c.GetExtensions(TerminologyExtensionUrls.ContainsProperty)
            .ToDictionary(p => p.GetExtensionValue<Code>("code").Value!, p => p.GetExtension("value").Value.ToString()!);

    private static ValueSet Expand(ValueSet vs, ExpansionRequest request, params CodeSystem[] systems) =>
        new ValueSetExpander().Expand(request with { ValueSet = vs }, VsRegistry(), Registry(systems));

    [Fact]
    public void GivenACodeSystemWithConceptExtensions_WhenIndexed_ThenTheConceptAndDesignationExtensionsAreKept()
    {
        var index = FhirCodeSystemReader.ToIndex(Ranked());

        var first = index.FindHeld("first")!;
        Assert.Equal([ConceptExtensions.CodeSystemConceptOrder, ConceptExtensions.RenderingStyle, "http://example.org/unknown"], first.Extensions.Select(e => e.Url));
        Assert.Equal(SctDescId, Assert.Single(first.Designations[0].Extensions!).Url);
        Assert.Empty(index.FindHeld("plain")!.Extensions);
    }

    [Fact]
    public void GivenConceptExtensions_WhenExpanding_ThenLabelOrderAndWeightAreProperties_AndRenderingAndDesignationExtensionsAreEchoed()
    {
        var vs = ValueSet("http://example.org/vs/ranked", new ValueSet.ConceptSetComponent { System = Url });

        var result = Expand(vs, new ExpansionRequest { UseSupplements = [SupplementUrl], IncludeDesignations = true }, Ranked(), Supplement());

        var first = Member(result, "first");
        Assert.Equal(new Dictionary<string, string> { ["order"] = "2", ["label"] = "a.", ["weight"] = "1.5" }, Properties(first));
        Assert.Equal([ConceptExtensions.RenderingStyle], first.Extension.Where(e => e.Url != TerminologyExtensionUrls.ContainsProperty).Select(e => e.Url));
        Assert.Equal(SctDescId, Assert.Single(first.Designation.Single(d => d.Language == "de").Extension).Url);
        Assert.Equal(new Dictionary<string, string> { ["order"] = "1" }, Properties(Member(result, "second")));
        Assert.Empty(Member(result, "plain").Extension);
        var declared = result.Expansion!.GetExtensions(TerminologyExtensionUrls.ExpansionProperty).Select(p => p.GetExtensionValue<Code>("code").Value).ToList();
        Assert.Equal(["label", "order", "weight"], declared);
    }

    [Fact]
    public void GivenValueSetConceptExtensions_WhenExpanding_ThenTheyWinOverTheCodeSystem_AndDeprecatedIsEchoed()
    {
        var include = Include(Url, "first", "second");
        include.Concept[0].AddExtension("http://hl7.org/fhir/StructureDefinition/valueset-conceptOrder", new Integer(7));
        include.Concept[0].AddExtension("http://hl7.org/fhir/StructureDefinition/valueset-label", new FhirString("x)"));
        include.Concept[1].AddExtension(ContentStatus.ValueSetDeprecated, new FhirBoolean(true));
        include.Concept[1].AddExtension("http://example.org/unknown", new FhirString("not echoed"));

        var result = Expand(ValueSet("http://example.org/vs/listed", include), new ExpansionRequest(), Ranked());

        Assert.Equal(new Dictionary<string, string> { ["order"] = "7", ["label"] = "x)" }, Properties(Member(result, "first")));
        var second = Member(result, "second");
        Assert.Equal([ContentStatus.ValueSetDeprecated], second.Extension.Where(e => e.Url != TerminologyExtensionUrls.ContainsProperty).Select(e => e.Url));
    }

    [Fact]
    public void GivenACodeSystemWithALanguage_WhenLookingUp_ThenCodeAndSystemAreEchoed_AndTheDisplayIsADesignationOfThatLanguage()
    {
        var result = new LookupService().Lookup(Registry(Ranked()), new LookupRequest { System = Url, Code = "first" });

        Assert.Equal("first", result.Code);
        Assert.Equal(Url, result.System);
        Assert.Equal(("en", "preferredForLanguage", "First"), (result.DisplayDesignation!.Language, result.DisplayDesignation.Use!.Code, result.DisplayDesignation.Value));

        var noLanguage = Ranked();
        noLanguage.Language = null;
        Assert.Null(new LookupService().Lookup(Registry(noLanguage), new LookupRequest { System = Url, Code = "first" }).DisplayDesignation);
    }

    [Fact]
    public void GivenAWrongDisplay_WhenDesignationsInOtherLanguagesExist_ThenTheMessageListsEveryChoice()
    {
        var vs = ValueSet("http://example.org/vs/ranked", new ValueSet.ConceptSetComponent { System = Url });
        var request = new ValidateCodeRequest { Url = vs.Url, System = Url, Code = "first", Display = "Wrong" };

        var result = new ValueSetValidator().ValidateCode(request, VsRegistry(vs), Registry(Ranked()));

        Assert.False(result.Result);
        Assert.Contains("Valid display is one of 2 choices: 'First' (en) or 'Erster' (de) (for the language(s) '--')", result.Message);
        Assert.True(new ValueSetValidator().ValidateCode(request with { Display = "Erster" }, VsRegistry(vs), Registry(Ranked())).Result);
    }
}
