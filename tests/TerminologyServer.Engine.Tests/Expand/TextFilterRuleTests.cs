using Hl7.Fhir.Model;
using TerminologyServer.Engine.Expand;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Expand;

/// <summary>
/// The $expand text filter (docs/conformance.md, "Text filter"): every word of the filter must start a word of the
/// display or of one designation (a word is a run of letters or digits; anything else separates words), or the
/// filter starts the code. Never a substring inside a word. The same answer whether the value set is a whole code
/// system (answered from the word index), a list of codes or a filter.
/// </summary>
public class TextFilterRuleTests
{
    private const string Weather = "http://example.org/cs/weather";

    private static CodeSystem WeatherCodeSystem()
    {
        var cs = new CodeSystem
        {
            Url = Weather, Version = "1", Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete,
            HierarchyMeaning = CodeSystem.CodeSystemHierarchyMeaning.IsA,
        };
        var sky = new CodeSystem.ConceptDefinitionComponent { Code = "sky", Display = "Sky" };
        sky.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "storm-front", Display = "Storm front" });
        sky.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "stormy", Display = "Stormy weather" });
        sky.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "brainstorm", Display = "Brainstorming session" });
        var rain = new CodeSystem.ConceptDefinitionComponent { Code = "rain-2", Display = "Rain (heavy), type 2" };
        rain.Designation.Add(new CodeSystem.DesignationComponent { Language = "de", Value = "Starkregen" });
        sky.Concept.Add(rain);
        cs.Concept.Add(sky);
        return cs;
    }

    private static readonly string[] AllCodes = ["sky", "storm-front", "stormy", "brainstorm", "rain-2"];

    /// <summary>The three shapes of value set over the same codes.</summary>
    public static TheoryData<string> Shapes => new() { "whole", "listed", "is-a" };

    private static string[] Search(string shape, string filter)
    {
        var include = shape switch
        {
            "whole" => new ValueSet.ConceptSetComponent { System = Weather },
            "listed" => Include(Weather, AllCodes),
            _ => Filter(Weather, "concept", "is-a", "sky"),
        };
        var expanded = new ValueSetExpander().Expand(
            new ExpansionRequest { ValueSet = ValueSet("http://example.org/vs/weather", include), Filter = filter },
            VsRegistry(),
            Registry(WeatherCodeSystem()));
        return Codes(expanded).Order(StringComparer.Ordinal).ToArray();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GivenAWordPrefix_WhenFiltering_ThenWordsStartingWithItMatchButNotWordsContainingIt(string shape)
    {
        Assert.Equal(["storm-front", "stormy"], Search(shape, "storm"));
        Assert.Empty(Search(shape, "orm"));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GivenSeveralWords_WhenFiltering_ThenEachMustStartAWordInAnyOrder(string shape)
    {
        Assert.Equal(["storm-front"], Search(shape, "front STORM"));
        Assert.Empty(Search(shape, "storm session"));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GivenPunctuationAndDigits_WhenFiltering_ThenPunctuationSeparatesWordsAndDigitsAreWords(string shape)
    {
        Assert.Equal(["rain-2"], Search(shape, "heavy"));
        Assert.Equal(["rain-2"], Search(shape, "2"));
        Assert.Equal(["rain-2"], Search(shape, "(heavy),"));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GivenADesignationOrACodePrefix_WhenFiltering_ThenTheyMatchToo(string shape)
    {
        Assert.Equal(["rain-2"], Search(shape, "stark"));
        Assert.Equal(["brainstorm"], Search(shape, "brainst"));
        Assert.Equal(["storm-front"], Search(shape, "storm-f"));
    }
}
