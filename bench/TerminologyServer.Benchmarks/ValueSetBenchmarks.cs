using BenchmarkDotNet.Attributes;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Benchmarks;

/// <summary>
/// Issue 3, "Measure": <c>$validate-code</c> against a 6,000-code value set and type-ahead <c>$expand</c>
/// (text filter + count=20) over the whole of ICD-10-CM FY2026 (98,186 concepts), engine only
/// (<see cref="ValueSetValidator.ValidateCode"/> and <see cref="ValueSetExpander.Expand"/>, value sets found by
/// url in a <see cref="ValueSetRegistry"/> as the server does; no HTTP, no serialization).
/// </summary>
[Config(typeof(BenchConfig))]
public class ValueSetBenchmarks
{
    public const string Icd6000Url = "http://example.org/fhir/ValueSet/icd10cm-6000";
    public const string Icd10Url = "http://example.org/fhir/ValueSet/icd10cm-10";
    public const string IcdAllUrl = "http://example.org/fhir/ValueSet/icd10cm-all";

    private readonly ValueSetValidator _validator = new();
    private readonly ValueSetExpander _expander = new();
    private CodeSystemRegistry _codeSystems = null!;
    private ValueSetRegistry _valueSets = null!;
    private string _member = null!;
    private string _memberDisplay = null!;
    private string _nonMember = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rows = TestData.ReadIcd10CmRows(TestData.Icd10CmOrderFile());
        _codeSystems = new CodeSystemRegistry();
        _codeSystems.Put("icd10cm", TestData.BuildIcd10Cm(rows));

        // 6,000 billable codes spread over the whole system (every 12th billable code, ~74k billable).
        var billable = rows.Where(r => r.Billable).ToList();
        var step = billable.Count / 6000;
        var listed = Enumerable.Range(0, 6000).Select(i => billable[i * step]).ToList();
        var member = listed[4321];
        _member = Dotted(member.Code);
        _memberDisplay = member.Long;
        _nonMember = Dotted(billable[4321 * step + 1].Code);

        var include = new ValueSet.ConceptSetComponent { System = TestData.Icd10CmUrl };
        include.Concept.AddRange(listed.Select(r => new ValueSet.ConceptReferenceComponent { Code = Dotted(r.Code) }));
        _valueSets = new ValueSetRegistry();
        _valueSets.Put("icd6000", new ValueSet
        {
            Id = "icd10cm-6000",
            Url = Icd6000Url,
            Status = PublicationStatus.Active,
            Compose = new ValueSet.ComposeComponent { Include = [include] },
        });
        var include10 = new ValueSet.ConceptSetComponent { System = TestData.Icd10CmUrl };
        include10.Concept.AddRange(listed.Skip(4316).Take(10).Select(r => new ValueSet.ConceptReferenceComponent { Code = Dotted(r.Code) }));
        _valueSets.Put("icd10", new ValueSet
        {
            Id = "icd10cm-10",
            Url = Icd10Url,
            Status = PublicationStatus.Active,
            Compose = new ValueSet.ComposeComponent { Include = [include10] },
        });
        _valueSets.Put("icdall", new ValueSet
        {
            Id = "icd10cm-all",
            Url = IcdAllUrl,
            Status = PublicationStatus.Active,
            Compose = new ValueSet.ComposeComponent { Include = [new ValueSet.ConceptSetComponent { System = TestData.Icd10CmUrl }] },
        });

        // Sanity: the answers are the ones the benchmark names claim.
        Check(ValidateMember().Result, true, "member");
        Check(ValidateNonMember().Result, false, "non-member");
        Check(ValidateMemberWithDisplay().Result, true, "member with display");
        Check(Breakdown_ValidateInCodeSystemOnly().Result, true, "member in code system");
        Check(Breakdown_ValidateAgainst10CodeValueSet().Result, true, "member of 10-code value set");
        var wrong = ValidateWrongDisplay();
        Console.WriteLine($"// validate wrong display: result {wrong.Result}, message {wrong.Message}");
        foreach (var f in Filters)
        {
            var vs = Expand(f);
            Console.WriteLine($"// expand filter '{f}': total {vs.Expansion!.Total}, returned {vs.Expansion.Contains.Count}, first {vs.Expansion.Contains.FirstOrDefault()?.Code} {vs.Expansion.Contains.FirstOrDefault()?.Display}");
        }
    }

    public static IEnumerable<string> Filters => ["diab mell", "fract femur", "a", "zzzq"];

    /// <summary>A listed code, system + code, no display.</summary>
    [Benchmark]
    public ValidateCodeResult ValidateMember() => _validator.ValidateCode(
        new ValidateCodeRequest { Url = Icd6000Url, System = TestData.Icd10CmUrl, Code = _member }, _valueSets, _codeSystems);

    /// <summary>A code of the system that the value set does not list.</summary>
    [Benchmark]
    public ValidateCodeResult ValidateNonMember() => _validator.ValidateCode(
        new ValidateCodeRequest { Url = Icd6000Url, System = TestData.Icd10CmUrl, Code = _nonMember }, _valueSets, _codeSystems);

    /// <summary>A listed code with a display that is not one of its designations.</summary>
    [Benchmark]
    public ValidateCodeResult ValidateWrongDisplay() => _validator.ValidateCode(
        new ValidateCodeRequest { Url = Icd6000Url, System = TestData.Icd10CmUrl, Code = _member, Display = "Not the display" }, _valueSets, _codeSystems);

    /// <summary>A listed code with its own display (the display check succeeds).</summary>
    [Benchmark]
    public ValidateCodeResult ValidateMemberWithDisplay() => _validator.ValidateCode(
        new ValidateCodeRequest { Url = Icd6000Url, System = TestData.Icd10CmUrl, Code = _member, Display = _memberDisplay }, _valueSets, _codeSystems);

    /// <summary>Type-ahead over the whole of ICD-10-CM: "diab mell" (~1,000 matches), "fract femur"
    /// (~4,000), "a" (most of the system), "zzzq" (none: the pure scan cost).</summary>
    [Benchmark]
    [ArgumentsSource(nameof(Filters))]
    public ValueSet ExpandTypeAhead(string filter) => Expand(filter);

    // ---- Breakdown: what the two operations cost beyond their essential work (public APIs only). ----

    /// <summary>The same member validated against the code system alone: no value set to compile.</summary>
    [Benchmark]
    public ValidateCodeResult Breakdown_ValidateInCodeSystemOnly() => _validator.ValidateCodeInCodeSystem(
        new ValidateCodeRequest { Url = TestData.Icd10CmUrl, Code = _member }, _codeSystems);

    /// <summary>The same member against a value set listing 10 codes: the per-call compile of a short list.</summary>
    [Benchmark]
    public ValidateCodeResult Breakdown_ValidateAgainst10CodeValueSet() => _validator.ValidateCode(
        new ValidateCodeRequest { Url = Icd10Url, System = TestData.Icd10CmUrl, Code = _member }, _valueSets, _codeSystems);

    /// <summary>Whole ICD-10-CM, count=20 but no text filter: enumeration of every member and the list of them.</summary>
    [Benchmark]
    public ValueSet Breakdown_ExpandWholeNoFilterCount20() => _expander.Expand(
        new ExpansionRequest { Url = IcdAllUrl, Count = 20 }, _valueSets, _codeSystems);

    /// <summary>
    /// The essential work of the "diab mell" type-ahead: <see cref="TextFilter.Level"/>
    /// on every concept's code, display and stored designations, no per-concept allocation; returns the match count.
    /// </summary>
    [Benchmark]
    public int Breakdown_TextFilterScanOnly_DiabMell()
    {
        var filter = TextFilter.Create("diab mell")!;
        var n = 0;
        foreach (var c in _codeSystems.Get("icd10cm")!.Concepts)
        {
            var designations = c.Designations;
            if (filter.Level(c.Code, c.Display, designations.Length == 0 ? [] : designations.Select(d => d.Value)) is not null)
            {
                n++;
            }
        }

        return n;
    }

    private ValueSet Expand(string filter) => _expander.Expand(
        new ExpansionRequest { Url = IcdAllUrl, Filter = filter, Count = 20 }, _valueSets, _codeSystems);

    private static void Check(bool actual, bool expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"validate-code {what}: result {actual}, expected {expected}");
        }
    }

    private static string Dotted(string code) => code.Length > 3 ? string.Concat(code.AsSpan(0, 3), ".", code.AsSpan(3)) : code;
}
