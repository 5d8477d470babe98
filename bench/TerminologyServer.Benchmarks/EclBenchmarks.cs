using BenchmarkDotNet.Attributes;
using TerminologyServer.Engine.Snomed.Ecl;

namespace TerminologyServer.Benchmarks;

/// <summary>
/// ECL evaluation (issue 13) on a synthetic edition of International size (<see cref="SyntheticSnomed"/>:
/// 370,000 concepts, about 690,000 relationships): the whole set of <c>&lt;&lt; 404684003</c> and its first 100
/// positions (an $expand with count=100), a refinement over the findings, a single-concept check, and parsing.
/// </summary>
[Config(typeof(BenchConfig))]
public class EclBenchmarks
{
    private SyntheticSnomed _data = null!;
    private EclExpression _descendants = null!, _refined = null!, _grouped = null!, _memberOf = null!;
    private int _deepFinding;

    [GlobalSetup]
    public void Setup()
    {
        _data = new SyntheticSnomed();
        _descendants = EclParser.Parse("<< 404684003 |Clinical finding|");
        // Findings whose finding site lies under one body structure subtree (an early body structure: a big one).
        var site = _data.IdOf(9 + 3 * 30 + 1);
        _refined = EclParser.Parse($"<< 404684003 : 363698007 = << {site}");
        _grouped = EclParser.Parse("<< 404684003 : [2..2] { 363698007 = *, 116676008 = * }");
        _memberOf = EclParser.Parse("<< (^ 723264001)");
        _deepFinding = _data.Count - 3;
        Console.WriteLine($"// synthetic edition: {_data.Count:N0} concepts, {_data.Relationships:N0} relationships, "
            + $"<< 404684003 = {EclEvaluator.Evaluate(_descendants, _data).Count:N0}, refinement = {EclEvaluator.Evaluate(_refined, _data).Count:N0}, "
            + $"two groups = {EclEvaluator.Evaluate(_grouped, _data).Count:N0}, << ^ refset = {EclEvaluator.Evaluate(_memberOf, _data).Count:N0}");
    }

    [Benchmark]
    public int DescendantsOrSelf_Count() => EclEvaluator.Evaluate(_descendants, _data).Count;

    [Benchmark]
    public int DescendantsOrSelf_First100() => EclEvaluator.Evaluate(_descendants, _data).ToArray().AsSpan(0, 100)[99];

    [Benchmark]
    public int Refinement_FindingSite() => EclEvaluator.Evaluate(_refined, _data).Count;

    [Benchmark]
    public int Refinement_TwoGroups() => EclEvaluator.Evaluate(_grouped, _data).Count;

    [Benchmark]
    public int DescendantsOfRefsetMembers() => EclEvaluator.Evaluate(_memberOf, _data).Count;

    [Benchmark]
    public bool Matches_DeepFinding() => EclEvaluator.Matches(_descendants, _data, _deepFinding);

    [Benchmark]
    public EclExpression Parse_Refinement() =>
        EclParser.Parse("(<< 404684003 |Clinical finding| : { 363698007 |Finding site| = << 39057004, 116676008 = << 415582006 }) {{ term = \"heart\", dialect = en-us (prefer) }}");
}
