using BenchmarkDotNet.Attributes;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;

namespace TerminologyServer.Benchmarks;

/// <summary><see cref="LookupService.Lookup"/> alone (the engine), on the CPT fragment and on ICD-10-CM FY2026.</summary>
[Config(typeof(BenchConfig))]
public class LookupBenchmarks
{
    private readonly LookupService _lookup = new();
    private CodeSystemRegistry _registry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new CodeSystemRegistry();
        _registry.Put("cpt", TestData.Cpt());
        _registry.Put("icd10cm", TestData.Icd10Cm());
    }

    /// <summary>Deleted code: 11 stored properties, computed inactive.</summary>
    [Benchmark]
    public LookupResult Cpt_72275() => Run(TestData.CptUrl, "72275");

    /// <summary>A modifier: few properties.</summary>
    [Benchmark]
    public LookupResult Cpt_26() => Run(TestData.CptUrl, "26");

    /// <summary>A category with 10 children in a 98k-concept system.</summary>
    [Benchmark]
    public LookupResult Icd10Cm_E11() => Run(TestData.Icd10CmUrl, "E11");

    /// <summary>A billable 7-character leaf, 3 levels deep.</summary>
    [Benchmark]
    public LookupResult Icd10Cm_S72_001A() => Run(TestData.Icd10CmUrl, "S72.001A");

    /// <summary>Only the requested properties.</summary>
    [Benchmark]
    public LookupResult Icd10Cm_E11_9_OneProperty() => _lookup.Lookup(_registry, new LookupRequest { System = TestData.Icd10CmUrl, Code = "E11.9", Properties = ["parent"] });

    private LookupResult Run(string system, string code) => _lookup.Lookup(_registry, new LookupRequest { System = system, Code = code });
}
