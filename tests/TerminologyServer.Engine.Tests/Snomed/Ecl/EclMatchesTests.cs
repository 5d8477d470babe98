using TerminologyServer.Engine.Snomed.Ecl;
using static TerminologyServer.Engine.Tests.Snomed.Ecl.FakeEdition;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

/// <summary>The single-concept fast path must agree with the set evaluation on every concept.</summary>
public class EclMatchesTests
{
    public static TheoryData<string> Expressions()
    {
        var data = new TheoryData<string>();
        foreach (var row in EclEvaluatorTests.Hierarchy.Concat(EclEvaluatorTests.Compound).Concat(EclEvaluatorTests.Refinements)
                     .Concat(EclEvaluatorTests.ConcreteValues).Concat(EclEvaluatorTests.Dotted).Concat(EclFilterTests.DescriptionFilters)
                     .Concat(EclFilterTests.ConceptFilters).Concat(EclFilterTests.MemberOf).Concat(EclFilterTests.History))
        {
            data.Add((string)row[0]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Given_an_expression_When_each_concept_is_matched_Then_the_answer_is_the_set_membership(string ecl)
    {
        var expression = EclParser.Parse(ecl);
        var set = EclEvaluator.Evaluate(expression, Data);
        for (var concept = 0; concept < Data.Count; concept++)
        {
            Assert.True(set.Contains(concept) == EclEvaluator.Matches(expression, Data, concept),
                $"{ecl}: concept {Data.IdOf(concept)}");
        }
    }
}
