using System.Diagnostics;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using Xunit.Abstractions;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Expand;

/// <summary>Smoke checks on a 100,000-concept code system: paging and type-ahead stay fast, validation does not expand.</summary>
public class LargeValueSetTests(ITestOutputHelper output)
{
    private const string Big = "http://example.org/cs/big";
    private static readonly Lazy<CodeSystemRegistry> BigRegistry = new(() =>
    {
        var builder = new CodeSystemIndexBuilder(new CodeSystemInfo { Url = Big, Version = "1" });
        string[] words = ["acute", "chronic", "fracture", "infection", "pain", "injury", "disorder", "syndrome", "left", "right"];
        for (var i = 0; i < 100_000; i++)
        {
            var c = builder.AddConcept($"C{i:D6}", $"{words[i % 10]} {words[(i / 10) % 10]} of site {i}", null);
            if (i >= 10)
            {
                builder.AddParent(c, $"C{i / 10:D6}");
            }
        }

        var registry = new CodeSystemRegistry();
        registry.Put("big", builder.Build());
        return registry;
    });

    private static ValueSet All => ValueSet("http://example.org/vs/big", new ValueSet.ConceptSetComponent { System = Big });

    [Fact]
    public void GivenAHugeValueSet_WhenExpandingWithoutCount_ThenTooCostly()
    {
        var ex = Assert.Throws<TerminologyException>(() => new ValueSetExpander().Expand(new ExpansionRequest { ValueSet = All, ExcludeNested = true }, VsRegistry(), BigRegistry.Value));
        Assert.Equal(OperationOutcome.IssueType.TooCostly, ex.IssueType);
    }

    [Fact]
    public void GivenAHugeValueSet_WhenTypingAhead_ThenTwentyBestMatchesComeQuickly()
    {
        var expander = new ValueSetExpander();
        var request = new ExpansionRequest { ValueSet = All, Filter = "chron fract", Count = 20 };
        expander.Expand(request, VsRegistry(), BigRegistry.Value);

        var best = TimeSpan.MaxValue;
        ValueSet result = null!;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            result = expander.Expand(request, VsRegistry(), BigRegistry.Value);
            watch.Stop();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        output.WriteLine($"type-ahead over 100,000 concepts: best of 5 {best.TotalMilliseconds:F1} ms");

        // "chronic fracture …" and "fracture chronic …": words match in any order.
        Assert.Equal(2000, result.Expansion!.Total);
        Assert.Equal(20, result.Expansion.Contains.Count);
        Assert.True(best < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void GivenAHugeValueSet_WhenValidatingACode_ThenNoExpansionIsNeeded()
    {
        var vs = ValueSet("http://example.org/vs/big-isa", Filter(Big, "concept", "is-a", "C000001"));
        var validator = new ValueSetValidator(new ValueSetEngineOptions { MaxExpansionSize = 10 });

        Assert.True(validator.ValidateCode(new ValidateCodeRequest { ValueSet = vs, System = Big, Code = "C012345" }, VsRegistry(), BigRegistry.Value).Result);
        Assert.False(validator.ValidateCode(new ValidateCodeRequest { ValueSet = vs, System = Big, Code = "C023456" }, VsRegistry(), BigRegistry.Value).Result);
    }
}
