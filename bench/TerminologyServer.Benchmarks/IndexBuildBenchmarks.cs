using BenchmarkDotNet.Attributes;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Storage;

namespace TerminologyServer.Benchmarks;

/// <summary>Building the in-memory index: ICD-10-CM (98k concepts) from parsed rows, and the CPT fragment from its resource.</summary>
[Config(typeof(BenchConfig))]
public class IndexBuildBenchmarks
{
    private List<TestData.Icd10CmRow> _rows = null!;
    private CodeSystem _cpt = null!;
    private string _orderFile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _orderFile = TestData.Icd10CmOrderFile();
        _rows = TestData.ReadIcd10CmRows(_orderFile);
        _cpt = FhirJson.Deserialize<CodeSystem>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "CodeSystem-cpt.json")));
    }

    /// <summary>Concepts, parent links, properties, designations → frozen index (what the server does per code system version).</summary>
    [Benchmark]
    public CodeSystemIndex Icd10Cm_BuildIndex() => TestData.BuildIcd10Cm(_rows);

    /// <summary>Reading the gzip'd fixed-width file alone, for scale (not part of the index build).</summary>
    [Benchmark]
    public int Icd10Cm_ParseOrderFile() => TestData.ReadIcd10CmRows(_orderFile).Count;

    [Benchmark]
    public CodeSystemIndex Cpt_BuildIndex() => FhirCodeSystemReader.ToIndex(_cpt);
}
