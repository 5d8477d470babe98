using System.Diagnostics;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>
/// ICD-10-CM, ICD-10-PCS, HCPCS and the CPT fragment (with a narrative supplement for 72275 written the way the
/// narratives are shipped) in one registry, loaded once for every search test. When <c>../shared/data</c> is absent
/// the real-data tests are skipped, except in CI (<c>CI=true</c>) where that is a failure.
/// </summary>
public sealed class SearchDataFixture
{
    public const string NarrativesUrl = "http://terminologyserver.org/fhir/CodeSystem/cpt-narratives";

    public SearchDataFixture()
    {
        Registry.Put("cpt", RealData.CptIndex());
        Registry.Put("cpt-narratives", FhirCodeSystemReader.ToIndex(NarrativeSupplement()));
        var data = RealData.DataFolder();
        if (data is null)
        {
            Unavailable = "../shared/data (ICD-10-CM, ICD-10-PCS, HCPCS files) not found above the test folder.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true but " + Unavailable);
            }
        }
        else
        {
            var watch = Stopwatch.StartNew();
            Registry.Put("icd10cm", RealData.Icd10CmIndex(data));
            Registry.Put("icd10pcs", RealData.Icd10PcsIndex(data));
            Registry.Put("hcpcs", RealData.HcpcsIndex(data));
            LoadTime = watch.Elapsed;
            watch.Restart();
            Search.Warm();
            IndexTime = watch.Elapsed;
        }
    }

    public CodeSystemRegistry Registry { get; } = new();

    public CodeSearch Search => _search ??= new CodeSearch(Registry);

    private CodeSearch? _search;

    public string? Unavailable { get; }

    public TimeSpan LoadTime { get; }

    public TimeSpan IndexTime { get; }

    public void SkipIfUnavailable() => Skip.If(Unavailable is not null, Unavailable);

    /// <summary>A narrative supplement of CPT for 72275, with the property codes of the shipped narratives.</summary>
    public static CodeSystem NarrativeSupplement()
    {
        var cs = new CodeSystem
        {
            Url = NarrativesUrl,
            Version = "1",
            Name = "CptNarratives",
            Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Supplement,
            Supplements = RealData.Cpt,
        };
        foreach (var code in new[] { "summary", "purpose", "indication", "procedure-step", "risk-rare" })
        {
            cs.Property.Add(new CodeSystem.PropertyComponent { Code = code, Type = CodeSystem.PropertyType.String });
        }

        var concept = new CodeSystem.ConceptDefinitionComponent { Code = "72275" };
        void Add(string code, string text) => concept.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = code, Value = new FhirString(text) });
        Add("summary", "Epidurography is a diagnostic imaging procedure that involves injecting contrast dye into the epidural space of the spine and then taking X-ray images.");
        Add("purpose", "Epidurography is used to identify abnormalities in the spinal cord or nerve roots, such as herniated discs, spinal stenosis, or spinal injuries.");
        Add("indication", "Radiating pain down the legs (sciatica)");
        Add("procedure-step", "Using fluoroscopy (real-time X-ray guidance), a needle is inserted into the epidural space.");
        Add("risk-rare", "Infection, bleeding, allergic reaction to contrast dye, nerve damage");
        cs.Concept.Add(concept);
        return cs;
    }
}

/// <summary>The search test classes share one <see cref="SearchDataFixture"/> (the real files are read once per run).</summary>
[CollectionDefinition(Name)]
public sealed class SearchDataCollection : ICollectionFixture<SearchDataFixture>
{
    public const string Name = "search data";
}
