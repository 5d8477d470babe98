using System.Diagnostics;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Expand;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Compose;

public class RegexFilterTests
{
    [Theory]
    [InlineData("(")]
    [InlineData("[a-")]
    [InlineData("(a)\\1")]
    [InlineData("(?=a)a")]
    public void GivenAnInvalidOrUnsupportedPattern_WhenExpanding_ThenInvalid(string pattern)
    {
        var vs = ValueSet("http://example.org/vs/re", Filter(Animals, "concept", "regex", pattern));
        var ex = Assert.Throws<TerminologyException>(() => new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), Registry()));
        Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
        Assert.Equal("FILTER_REGEX_INVALID", ex.MessageId);
    }

    [Fact]
    public void GivenACatastrophicBacktrackingPattern_WhenExpandingLongCodes_ThenItAnswersQuickly()
    {
        var cs = new CodeSystem { Url = "http://example.org/cs/long", Content = CodeSystemContentMode.Complete, Status = PublicationStatus.Active };
        for (var i = 0; i < 200; i++)
        {
            cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = new string('a', 5_000 + i) + "!" });
        }

        var vs = ValueSet("http://example.org/vs/hostile", Filter(cs.Url, "concept", "regex", "(a+)+$"));
        var watch = Stopwatch.StartNew();
        var result = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), Registry(cs));
        watch.Stop();

        Assert.Equal(0, result.Expansion!.Total);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void GivenAPattern_WhenMatching_ThenTheWholeCodeMustMatch()
    {
        var vs = ValueSet("http://example.org/vs/re", Filter(Animals, "concept", "regex", "do"));
        var result = new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = vs }, VsRegistry(), Registry());
        Assert.Equal(0, result.Expansion!.Total);
    }

    [Fact]
    public void GivenARegexFilter_WhenCompiled_ThenItRunsOnTheNonBacktrackingEngineWithATimeout()
    {
        var regex = FilterCompiler.BuildRegex("a+", TimeSpan.FromMilliseconds(50));
        Assert.True(regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));
        Assert.Equal(TimeSpan.FromMilliseconds(50), regex.MatchTimeout);
    }
}
