using TerminologyServer.Engine.Snomed.Ecl;
using static TerminologyServer.Engine.Tests.Snomed.Ecl.FakeEdition;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

/// <summary>Post-coordinated expressions (focus concepts + refinement) against expression constraints.</summary>
public class EclExpressionMatchTests
{
    [Theory]
    // An expression refined below Disorder of liver: a proper descendant of it and of its ancestors.
    [InlineData("< 235856003", "235856003 : 116676008 = 23583003", true)]
    [InlineData("<< 235856003", "235856003 : 116676008 = 23583003", true)]
    [InlineData("< 64572001", "235856003 : 116676008 = 23583003", true)]
    [InlineData("<< 22298006", "235856003 : 116676008 = 23583003", false)]
    [InlineData("235856003", "235856003 : 116676008 = 23583003", false)]
    [InlineData("<! 64572001", "235856003 : 116676008 = 23583003", false)]
    [InlineData("> 64572001", "235856003 : 116676008 = 23583003", false)]
    [InlineData("*", "235856003 : 116676008 = 23583003", true)]
    [InlineData("* MINUS << 235856003", "235856003 : 116676008 = 23583003", false)]
    [InlineData("<< 64572001 MINUS << 22298006", "235856003 : 116676008 = 23583003", true)]
    // Its attributes: its own and those of its focus concepts.
    [InlineData("< 64572001 : 116676008 = << 49755003", "235856003 : 116676008 = 23583003", true)]
    [InlineData("< 64572001 : 363698007 = 10200004", "235856003 : 116676008 = 23583003", true)]
    [InlineData("< 64572001 : { 363698007 = 10200004, 116676008 = 23583003 }", "235856003 : 116676008 = 23583003", false)]
    [InlineData("< 64572001 : { 363698007 = 10200004, 116676008 = 23583003 }", "64572001 : { 363698007 = 10200004, 116676008 = 23583003 }", true)]
    [InlineData("< 64572001 : [1..1] 363698007 = *", "64572001 : 363698007 = 10200004, 363698007 = 80891009", false)]
    [InlineData("< 64572001 : [2..2] 363698007 = *", "64572001 : 363698007 = 10200004, 363698007 = 80891009", true)]
    [InlineData("< 64572001 : 116676008 = *", "64572001 : 363698007 = 10200004", false)]
    [InlineData("< 64572001 : 116680003 = 235856003", "235856003 : 116676008 = 23583003", true)]
    // Several focus concepts, and a plain concept written as an expression.
    [InlineData("<< 22298006 AND << 235856003", "22298006 + 235856003 : 116676008 = 23583003", true)]
    [InlineData("<! 64572001", "235856003", true)]
    [InlineData("^ 723264001", "10200004", true)]
    public void Given_an_expression_When_matched_Then_the_expected_answer(string ecl, string expression, bool expected) =>
        Assert.Equal(expected, TestExpressions.Matches(EclParser.Parse(ecl), Data, expression));

    [Fact]
    public void Given_an_unknown_focus_concept_Then_no_match()
    {
        Assert.False(EclEvaluator.MatchesExpression(EclParser.Parse("*"), Data, [-1], []));
        Assert.False(EclEvaluator.MatchesExpression(EclParser.Parse("*"), Data, [], []));
    }
}
