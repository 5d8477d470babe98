using TerminologyServer.Engine.Snomed.Ecl;
using static TerminologyServer.Engine.Tests.Snomed.Ecl.FakeEdition;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

public class EclLimitsTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(100_000)]
    public void Given_deeply_nested_brackets_When_parsed_Then_a_syntax_error_not_a_stack_overflow(int depth)
    {
        var ecl = new string('(', depth) + "64572001" + new string(')', depth);
        var error = Assert.Throws<EclSyntaxException>(() => EclParser.Parse(ecl, new EclLimits { MaxLength = 1_000_000 }));
        Assert.Contains("nesting", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_nesting_within_the_limit_Then_it_parses_and_evaluates()
    {
        var ecl = new string('(', 20) + "<< 64572001" + new string(')', 20);
        Assert.Equal(6, EclEvaluator.Evaluate(EclParser.Parse(ecl), Data).Count);
    }

    [Fact]
    public void Given_deeply_nested_refinement_brackets_Then_parsing_stays_linear_and_fails_cleanly()
    {
        // Each '(' could open a nested refinement or a bracketed attribute name: tried once each, never 2^n.
        var ecl = "< 64572001 : " + new string('(', 30) + "363698007 = *" + new string(')', 30) + " AND";
        Assert.Throws<EclSyntaxException>(() => EclParser.Parse(ecl));
    }

    [Fact]
    public void Given_a_text_longer_than_the_limit_Then_a_syntax_error()
    {
        var ecl = string.Join(" OR ", Enumerable.Repeat("64572001", 20));
        var error = Assert.Throws<EclSyntaxException>(() => EclParser.Parse(ecl, new EclLimits { MaxLength = 50 }));
        Assert.Contains("at most 50 characters", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_wide_disjunction_Then_it_evaluates()
    {
        var ecl = string.Join(" OR ", Enumerable.Repeat("<< 64572001", 2_000));
        Assert.Equal(6, EclEvaluator.Evaluate(EclParser.Parse(ecl), Data).Count);
    }

    [Fact]
    public void Given_a_small_work_budget_When_evaluated_Then_too_costly()
    {
        var error = Assert.Throws<EclTooCostlyException>(() =>
            EclEvaluator.Evaluate(EclParser.Parse("<< 138875005 : * = *"), Data, new EclLimits { MaxWork = 20 }));
        Assert.Equal(Hl7.Fhir.Model.OperationOutcome.IssueType.TooCostly, error.IssueType);
        Assert.Throws<EclTooCostlyException>(() =>
            EclEvaluator.Matches(EclParser.Parse("<< 138875005 : * = *"), Data, Data.IndexOf(Carditis), new EclLimits { MaxWork = 3 }));
    }

    [Fact]
    public void Given_a_cancelled_token_When_evaluated_Then_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            EclEvaluator.Evaluate(EclParser.Parse("<< 138875005"), Data, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Given_an_unknown_concept_When_evaluated_Then_an_empty_set_not_an_error()
    {
        Assert.Empty(Eval("<< 1012000 OR ^ 1012000"));
        Assert.False(EclEvaluator.Matches(EclParser.Parse("<< 1012000"), Data, 0));
        Assert.False(EclEvaluator.Matches(EclParser.Parse("*"), Data, -1));
    }
}
