using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Lookup;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Compose;

/// <summary>
/// Supplements (docs/conformance.md, "Supplements"): what a supplement adds in $lookup, and that a supplement that
/// is missing, or supplements something else, fails every operation with the same not-found.
/// </summary>
public class SupplementRuleTests
{
    private const string Tools = "http://example.org/cs/tools";
    private const string Fruit = "http://example.org/cs/fruit";
    private const string Welsh = "http://example.org/cs/tools-cy";
    private const string FruitNotes = "http://example.org/cs/fruit-notes";

    private static CodeSystem Plain(string url, params string[] codes)
    {
        var cs = new CodeSystem { Url = url, Version = "3", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete };
        cs.Concept.AddRange(codes.Select(c => new CodeSystem.ConceptDefinitionComponent { Code = c, Display = char.ToUpperInvariant(c[0]) + c[1..] }));
        return cs;
    }

    private static CodeSystem Supplement(string url, string target, string code, string language, string value)
    {
        var cs = new CodeSystem { Url = url, Version = "0.4", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Supplement, Supplements = target };
        cs.Property.Add(new CodeSystem.PropertyComponent { Code = "grip", Type = CodeSystem.PropertyType.String, Description = "How it is held" });
        var concept = new CodeSystem.ConceptDefinitionComponent { Code = code };
        concept.Designation.Add(new CodeSystem.DesignationComponent { Language = language, Value = value });
        concept.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = "grip", Value = new FhirString("two hands") });
        cs.Concept.Add(concept);
        return cs;
    }

    private static CodeSystemRegistry Systems() => Registry(
        Plain(Tools, "hammer", "saw"),
        Plain(Fruit, "apple"),
        Supplement(Welsh, Tools, "saw", "cy", "Llif"),
        Supplement(FruitNotes, Fruit, "apple", "fr", "Pomme"));

    private static LookupResult Lookup(string code, params string[] supplements) =>
        new LookupService().Lookup(Systems(), new LookupRequest { System = Tools, Code = code, UseSupplements = supplements });

    [Fact]
    public void GivenASupplementForTheCode_WhenLookedUp_ThenItsDesignationAndPropertyAreInTheAnswer()
    {
        var result = Lookup("saw", Welsh);

        Assert.Contains(result.Designations, d => d.Language == "cy" && d.Value == "Llif");
        var grip = Assert.Single(result.Properties, p => p.Code == "grip");
        Assert.Equal("two hands", grip.Value.Value);
        Assert.Equal("How it is held", grip.Description);
    }

    [Fact]
    public void GivenASupplementWithoutTheCode_WhenLookedUp_ThenTheAnswerIsTheCodeSystemsAlone()
    {
        var result = Lookup("hammer", $"{Welsh}|0.4");

        Assert.DoesNotContain(result.Properties, p => p.Code == "grip");
        Assert.DoesNotContain(result.Designations, d => d.Language == "cy");
    }

    [Theory]
    [InlineData("http://example.org/cs/no-such-supplement")]
    [InlineData(FruitNotes)]
    [InlineData(Welsh + "|9.9")]
    public void GivenASupplementThatDoesNotExistOrSupplementsAnotherSystem_WhenLookedUp_ThenTheSameNotFoundAsForExpand(string name)
    {
        var lookup = Assert.Throws<TerminologyException>(() => Lookup("saw", name));
        var expand = Assert.Throws<TerminologyException>(() => new ValueSetExpander().Expand(
            new ExpansionRequest { ValueSet = ValueSet("http://example.org/vs/tools", Include(Tools, "saw")), UseSupplements = [name] }, VsRegistry(), Systems()));

        foreach (var ex in new[] { lookup, expand })
        {
            Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
            Assert.Equal("not-found", ex.TxIssueType);
            Assert.Equal("VALUESET_SUPPLEMENT_MISSING", ex.MessageId);
            Assert.Equal($"Required supplement not found: {name}", ex.Message);
        }
    }

    [Fact]
    public void GivenASupplementOfAnotherVersionOfTheCodeSystem_WhenLookedUp_ThenItIsNotFound()
    {
        var other = Supplement("http://example.org/cs/tools-old", $"{Tools}|2", "saw", "cy", "Hen lif");
        var registry = Registry(Plain(Tools, "saw"), other);

        var ex = Assert.Throws<TerminologyException>(() =>
            new LookupService().Lookup(registry, new LookupRequest { System = Tools, Code = "saw", UseSupplements = [other.Url!] }));

        Assert.Equal("VALUESET_SUPPLEMENT_MISSING", ex.MessageId);
    }
}
