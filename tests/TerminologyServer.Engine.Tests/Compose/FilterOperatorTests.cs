using Hl7.Fhir.Model;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Expand;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Compose;

public class FilterOperatorTests
{
    private static readonly ValueSetExpander Expander = new();

    private static string[] Expand(string property, string op, string value)
    {
        var vs = ValueSet("http://example.org/vs/f", Filter(Animals, property, op, value));
        var result = Expander.Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), Registry());
        return Codes(result).Order(StringComparer.Ordinal).ToArray();
    }

    [Theory]
    [InlineData("concept", "=", "dog", "dog")]
    [InlineData("concept", "is-a", "mammal", "cat dog mammal whale")]
    [InlineData("concept", "descendent-of", "mammal", "cat dog whale")]
    [InlineData("concept", "is-not-a", "animal", "plant")]
    [InlineData("concept", "regex", "[a-z]{3}", "cat dog")]
    [InlineData("concept", "in", "dog,cat,unicorn", "cat dog")]
    [InlineData("concept", "not-in", "animal,mammal,bird,dog,cat,whale,parrot", "eagle plant")]
    [InlineData("concept", "generalizes", "dog", "animal dog mammal")]
    [InlineData("concept", "exists", "true", "animal bird cat dog eagle mammal parrot plant whale")]
    [InlineData("concept", "child-of", "animal", "bird mammal")]
    [InlineData("concept", "descendent-leaf", "animal", "cat dog eagle parrot whale")]
    [InlineData("code", "is-a", "bird", "bird eagle parrot")]
    [InlineData("concept", "is-a", "unicorn", "")]
    public void GivenAConceptFilter_WhenExpanding_ThenOnlyMatchingConceptsAreMembers(string property, string op, string value, string expected)
    {
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), Expand(property, op, value));
    }

    [Theory]
    [InlineData("kind", "=", "pet", "cat dog parrot")]
    [InlineData("kind", "in", "pet,class", "bird cat dog mammal parrot")]
    [InlineData("kind", "not-in", "pet", "animal bird eagle mammal plant whale")]
    [InlineData("kind", "regex", "p.t", "cat dog parrot")]
    [InlineData("kind", "exists", "false", "animal eagle plant whale")]
    [InlineData("related", "=", "cat", "dog")]
    [InlineData("related", "is-a", "bird", "eagle")]
    [InlineData("related", "is-not-a", "mammal", "animal bird eagle mammal parrot plant whale")]
    [InlineData("related", "generalizes", "mammal", "")]
    [InlineData("related", "child-of", "mammal", "cat dog")]
    [InlineData("related", "descendent-of", "animal", "cat dog eagle")]
    [InlineData("related", "descendent-leaf", "animal", "cat dog eagle")]
    [InlineData("note", "=", "good boy", "dog")]
    [InlineData("note", "regex", "ind.*", "cat")]
    [InlineData("note", "in", "good boy,independent", "cat dog")]
    [InlineData("domestic", "=", "true", "cat dog parrot")]
    [InlineData("domestic", "exists", "true", "cat dog eagle parrot whale")]
    [InlineData("legs", "=", "4", "cat dog")]
    [InlineData("legs", "in", "0,2", "eagle parrot whale")]
    [InlineData("legs", "not-in", "4", "animal bird eagle mammal parrot plant whale")]
    [InlineData("weight", "=", "30.50", "dog")]
    [InlineData("weight", "in", "4.2,1", "cat")]
    [InlineData("born", "=", "2020-01-01", "dog")]
    [InlineData("status", "=", "retired", "whale")]
    [InlineData("inactive", "=", "true", "whale")]
    [InlineData("notSelectable", "=", "true", "animal")]
    [InlineData("parent", "=", "bird", "eagle parrot")]
    [InlineData("display", "regex", "B.*", "bird eagle whale")]
    public void GivenAPropertyFilter_WhenExpanding_ThenOnlyConceptsWithMatchingValuesAreMembers(string property, string op, string value, string expected)
    {
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), Expand(property, op, value));
    }

    /// <summary>Which operators each property type accepts; every other combination must be refused.</summary>
    public static TheoryData<string, string, string, bool> OperatorByPropertyTypeMatrix()
    {
        var properties = new (string Property, string Value, string[] Allowed)[]
        {
            ("kind", "pet", FilterOperators.All.ToArray()),
            ("related", "cat", FilterOperators.All.ToArray()),
            ("note", "good boy", ["=", "in", "not-in", "regex", "exists"]),
            ("domestic", "true", ["=", "in", "not-in", "exists"]),
            ("legs", "4", ["=", "in", "not-in", "exists"]),
            ("weight", "4.2", ["=", "in", "not-in", "exists"]),
            ("born", "2020-01-01", ["=", "in", "not-in", "exists"]),
        };
        var data = new TheoryData<string, string, string, bool>();
        foreach (var (property, value, allowed) in properties)
        {
            foreach (var op in FilterOperators.All)
            {
                data.Add(property, op, op == "exists" ? "true" : value, allowed.Contains(op));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OperatorByPropertyTypeMatrix))]
    public void GivenEveryOperatorOnEveryPropertyType_WhenExpanding_ThenFittingOperatorsRunAndOthersAreInvalid(
        string property, string op, string value, bool fits)
    {
        if (fits)
        {
            Expand(property, op, value);
        }
        else
        {
            var ex = Assert.Throws<TerminologyException>(() => Expand(property, op, value));
            Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
            Assert.Equal("FILTER_OP_TYPE", ex.MessageId);
        }
    }

    [Theory]
    [InlineData("legs", "=", "four")]
    [InlineData("domestic", "=", "yes")]
    [InlineData("weight", "=", "heavy")]
    [InlineData("born", "=", "yesterday")]
    [InlineData("kind", "exists", "maybe")]
    public void GivenAValueThatDoesNotFitThePropertyType_WhenExpanding_ThenInvalid(string property, string op, string value)
    {
        var ex = Assert.Throws<TerminologyException>(() => Expand(property, op, value));
        Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
        Assert.Equal("FILTER_VALUE_TYPE", ex.MessageId);
    }

    [Fact]
    public void GivenAnUnknownOperator_WhenExpanding_ThenNotSupported()
    {
        var ex = Assert.Throws<TerminologyException>(() => Expand("concept", "sounds-like", "dog"));
        Assert.Equal(OperationOutcome.IssueType.NotSupported, ex.IssueType);
    }

    [Fact]
    public void GivenAnUndeclaredUnusedProperty_WhenExpanding_ThenInvalidNamingIt()
    {
        var ex = Assert.Throws<TerminologyException>(() => Expand("colour", "=", "brown"));
        Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
        Assert.Contains("colour", ex.Message);
    }

    [Fact]
    public void GivenAnR4OperatorInTheOpElement_WhenExpanding_ThenItIsRead()
    {
        var include = new ValueSet.ConceptSetComponent { System = Animals };
        include.Filter.Add(new ValueSet.FilterComponent { Property = "concept", Op = FilterOperator.IsA, Value = "bird" });
        var result = Expander.Expand(new ExpansionRequest { ValueSet = ValueSet("http://example.org/vs/r4", include) }, VsRegistry(), Registry());
        Assert.Equal(["bird", "eagle", "parrot"], Codes(result).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GivenTwoFiltersInOneInclude_WhenExpanding_ThenBothMustMatch()
    {
        var include = Filter(Animals, "concept", "is-a", "animal");
        include.Filter.Add(FilterOf("domestic", "=", "false"));
        var result = Expander.Expand(new ExpansionRequest { ValueSet = ValueSet("http://example.org/vs/and", include) }, VsRegistry(), Registry());
        Assert.Equal(["eagle", "whale"], Codes(result).Order(StringComparer.Ordinal));
    }
}
