using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.ValueSets;

/// <summary>
/// Concept and designation extensions of a stored code system and its supplement, on every storage provider: kept by
/// storage, returned as label/order/weight properties and rendering extensions by $expand, and $lookup's echoes.
/// </summary>
public abstract class ConceptExtensionApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private const string Url = "http://example.org/cs/ext-api";
    private const string SupplementUrl = "http://example.org/cs/ext-api-labels";
    private const string ConceptOrder = "http://hl7.org/fhir/StructureDefinition/codesystem-conceptOrder";
    private const string Label = "http://hl7.org/fhir/StructureDefinition/codesystem-label";
    private const string RenderingStyle = "http://hl7.org/fhir/StructureDefinition/rendering-style";
    private const string SctDescId = "http://hl7.org/fhir/StructureDefinition/coding-sctdescid";
    private const string ContainsProperty = "http://hl7.org/fhir/5.0/StructureDefinition/extension-ValueSet.expansion.contains.property";

    private static CodeSystem Sample()
    {
        var first = new CodeSystem.ConceptDefinitionComponent { Code = "first", Display = "First" };
        first.AddExtension(ConceptOrder, new Integer(3));
        first.AddExtension(RenderingStyle, new FhirString("font-style: italic"));
        var designation = new CodeSystem.DesignationComponent { Language = "de", Value = "Erster" };
        designation.AddExtension(SctDescId, new Id("98765"));
        first.Designation.Add(designation);
        return new CodeSystem
        {
            Id = "ext-api", Url = Url, Version = "1", Language = "en", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete,
            Concept = [first, new CodeSystem.ConceptDefinitionComponent { Code = "plain", Display = "Plain" }],
        };
    }

    private static CodeSystem Supplement()
    {
        var first = new CodeSystem.ConceptDefinitionComponent { Code = "first" };
        first.AddExtension(Label, new FhirString("i."));
        return new CodeSystem
        {
            Id = "ext-api-labels", Url = SupplementUrl, Version = "1", Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Supplement, Supplements = Url, Concept = [first],
        };
    }

    private async System.Threading.Tasks.Task StoreAsync()
    {
        foreach (var cs in new[] { Sample(), Supplement() })
        {
            var response = await fixture.Writer.PutAsync($"/fhir/CodeSystem/{cs.Id}", Wire.JsonBody(cs));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenConceptAndDesignationExtensions_WhenStoredAndReadBack_ThenTheyAreKept()
    {
        fixture.SkipIfUnavailable();
        await StoreAsync();

        var cs = await Wire.ReadAsync<CodeSystem>(await fixture.Client.GetAsync("/fhir/CodeSystem/ext-api"));

        Assert.Equal([ConceptOrder, RenderingStyle], cs.Concept[0].Extension.Select(e => e.Url));
        Assert.Equal("98765", cs.Concept[0].Designation[0].GetExtensionValue<Id>(SctDescId).Value);
        Assert.Empty(cs.Concept[1].Extension);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAStoredSupplement_WhenExpanding_ThenLabelAndOrderAreProperties_AndRenderingAndDesignationExtensionsAreEchoed()
    {
        fixture.SkipIfUnavailable();
        await StoreAsync();
        var vs = new ValueSet { Url = "http://example.org/vs/ext-api", Status = PublicationStatus.Active, Compose = new() };
        vs.Compose.Include.Add(new ValueSet.ConceptSetComponent { System = Url });
        var body = new Parameters()
            .Add("valueSet", vs)
            .Add("useSupplement", new Canonical(SupplementUrl))
            .Add("includeDesignations", new FhirBoolean(true));

        var response = await fixture.Client.PostAsync("/fhir/ValueSet/$expand", Wire.JsonBody(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = (await Wire.ReadAsync<ValueSet>(response)).Expansion!.Contains.Single(c => c.Code == "first");
        var properties = first.GetExtensions(ContainsProperty).ToDictionary(p => p.GetExtensionValue<Code>("code").Value!, p => p.GetExtension("value").Value.ToString());
        Assert.Equal(new Dictionary<string, string?> { ["label"] = "i.", ["order"] = "3" }, properties);
        Assert.Equal("font-style: italic", first.GetExtensionValue<FhirString>(RenderingStyle).Value);
        Assert.Equal("98765", first.Designation.Single(d => d.Language == "de").GetExtensionValue<Id>(SctDescId).Value);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenACodeSystemWithALanguage_WhenLookedUp_ThenCodeSystemAndTheDisplayDesignationAreReturned()
    {
        fixture.SkipIfUnavailable();
        await StoreAsync();

        var response = await fixture.Client.GetAsync($"/fhir/CodeSystem/$lookup?system={Url}&code=first");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var p = await Wire.ReadAsync<Parameters>(response);
        Assert.Equal("first", p.Value("code"));
        Assert.Equal(Url, p.Value("system"));
        var designations = p.Parameter.Where(x => x.Name == "designation").ToList();
        Assert.Equal(2, designations.Count);
        Assert.Equal("preferredForLanguage", ((Coding)designations[0].Part.Single(x => x.Name == "use").Value).Code);
        Assert.Equal("First", designations[0].Part.Single(x => x.Name == "value").Value.ToString());
    }
}

public sealed class SqliteConceptExtensionApiTests(SqliteFixture fixture) : ConceptExtensionApiTests<SqliteFixture>(fixture);

public sealed class PostgresConceptExtensionApiTests(PostgresFixture fixture) : ConceptExtensionApiTests<PostgresFixture>(fixture);
