using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Engine.Tests.Snomed;

public sealed class SnomedExpressionTests
{
    [Fact]
    public void GivenARefinedExpression_WhenParsed_ThenFocusGroupsAndValuesAreRead()
    {
        var e = SnomedExpression.Parse("=== 71388002 |Procedure| + 404684003 : 272741003 = 24028007, { 363698007 |Finding site| = (10200004 : 272741003 = 7771000), 1142139005 = #1.5 }", out var error);
        Assert.Null(error);
        Assert.Equal([71388002L, 404684003L], e!.Focus);
        Assert.Equal(24028007L, Assert.Single(e.Ungrouped).Concept);
        var group = Assert.Single(e.Groups);
        Assert.Equal(10200004L, group[0].Nested!.Focus[0]);
        Assert.Equal("#1.5", group[1].Concrete);
        Assert.Equal("71388002+404684003:272741003=24028007,{363698007=(10200004:272741003=7771000),1142139005=#1.5}", e.Render(_ => null));
    }

    [Fact]
    public void GivenTerms_WhenRendered_ThenEachConceptCarriesItsTerm()
    {
        var e = SnomedExpression.Parse("128241005:{363698007=181268008}", out _)!;
        Assert.Equal("128241005|A|:{363698007|B|=181268008|C|}", e.Render(id => id switch { 128241005 => "A", 363698007 => "B", _ => "C" }));
    }

    [Theory]
    [InlineData("128241005:", "expected a concept id at the end")]
    [InlineData("128241005:{363698007 181268008}", "expected '=' at position 22")]
    [InlineData("128241005:{363698007=181268008", "expected ',' or '}' at the end")]
    [InlineData("12:363698007=181268008", "'12' at position 1 is not a SNOMED CT concept id")]
    [InlineData("128241005 |term", "the '|' that closes the term")]
    [InlineData("128241005:363698007=#x", "a number after '#'")]
    public void GivenBadSyntax_WhenParsed_ThenTheErrorSaysWhereAndWhat(string text, string message)
    {
        Assert.Null(SnomedExpression.Parse(text, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenDeepNesting_WhenParsed_ThenItIsBounded()
    {
        var text = "71388002";
        for (var i = 0; i < 20; i++)
        {
            text = $"71388002:363698007=({text})";
        }

        Assert.Null(SnomedExpression.Parse(text, out var error));
        Assert.Contains("nested more than 8 deep", error, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenASimpleMrcmRange_WhenRead_ThenItsRootsAreFound()
    {
        Assert.Equal([(442083009L, true), (123037004L, false)], SnomedExpressions.SimpleRange("<< 442083009 |Anatomical or acquired body structure (body structure)| OR < 123037004 |Body structure|"));
        Assert.Null(SnomedExpressions.SimpleRange("<< 404684003: 363698007 = *"));
    }
}
