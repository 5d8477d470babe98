using Hl7.Fhir.Model;
using TerminologyServer.Engine.Expand;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Expand;

/// <summary>
/// What of the value set's definition an expansion carries (docs/conformance.md, "Extensions echo"): the
/// definition (compose, the value set's own extensions, description, purpose, contact, copyright) only when
/// includeDefinition asks for it.
/// </summary>
public class ExpansionDefinitionTests
{
    private static ValueSet Described()
    {
        var vs = ValueSet("http://example.org/vs/described", Include(Colours, "green", "blue"));
        vs.Description = "Colours of the sea";
        vs.Purpose = "Painting";
        vs.Copyright = "Free to use";
        vs.Contact.Add(new ContactDetail { Name = "Palette team" });
        vs.AddExtension("http://example.org/StructureDefinition/mood", new FhirString("calm"));
        return vs;
    }

    private static ValueSet Expand(bool? includeDefinition)
    {
        return new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = Described(), IncludeDefinition = includeDefinition }, VsRegistry(), Registry());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public void GivenNoIncludeDefinition_WhenExpanding_ThenTheDefinitionStaysBehind(bool? includeDefinition)
    {
        var result = Expand(includeDefinition);

        Assert.Empty(result.Extension);
        Assert.Null(result.Compose);
        Assert.Null(result.Description);
        Assert.Null(result.Purpose);
        Assert.Null(result.Copyright);
        Assert.Empty(result.Contact);
        Assert.Equal("http://example.org/vs/described", result.Url);
        Assert.Equal(["green", "blue"], Codes(result));
    }

    [Fact]
    public void GivenIncludeDefinition_WhenExpanding_ThenTheDefinitionTravelsWithTheExpansion()
    {
        var result = Expand(true);

        Assert.Equal("calm", result.GetStringExtension("http://example.org/StructureDefinition/mood"));
        Assert.Equal(2, result.Compose!.Include[0].Concept.Count);
        Assert.Equal("Colours of the sea", result.Description);
        Assert.Equal("Painting", result.Purpose);
        Assert.Equal("Free to use", result.Copyright);
        Assert.Equal("Palette team", Assert.Single(result.Contact).Name);
    }
}
