using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;

namespace TerminologyServer.Api.Web;

/// <summary>A searched code system as the pages show it: the key in its page URLs and its label ("CPT4 code").</summary>
public sealed record WebSystem(string Key, string Name, CodeSystemIndex Index)
{
    public string CodeLabel => Name + " code";
}

/// <summary>
/// Short URL keys and names for the code systems of the web pages: well-known systems get fixed keys
/// (<c>cpt</c>, <c>icd10cm</c>, <c>icd10pcs</c>, <c>hcpcs</c>, <c>loinc</c>, <c>rxnorm</c>, <c>ndc</c>, <c>snomed</c>), any other its resource id. Rebuilt when the registry changes.
/// </summary>
public sealed class SystemDirectory(CodeSystemRegistry registry, CodeSearch search)
{
    private static readonly (string Url, string Key, string Name)[] Known =
    [
        ("http://www.ama-assn.org/go/cpt", "cpt", "CPT4"),
        ("http://hl7.org/fhir/sid/icd-10-cm", "icd10cm", "ICD-10-CM"),
        ("http://www.cms.gov/Medicare/Coding/ICD10", "icd10pcs", "ICD-10-PCS"),
        ("http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "hcpcs", "HCPCS"),
        ("http://loinc.org", "loinc", "LOINC"),
        ("http://www.nlm.nih.gov/research/umls/rxnorm", "rxnorm", "RxNorm"),
        ("http://hl7.org/fhir/sid/ndc", "ndc", "NDC"),
        ("http://snomed.info/sct", "snomed", "SNOMED CT"),
    ];

    private Snapshot? _snapshot;

    /// <summary>The well-known systems that are loaded, in a fixed order: the filter chips of the search page.</summary>
    public IReadOnlyList<WebSystem> Featured => Current().Featured;

    /// <summary>Every searched code system: the featured ones first, then the others by name.</summary>
    public IReadOnlyList<WebSystem> All => Current().ByUrl.Values.OrderBy(w => Featured.Contains(w) ? 0 : 1)
        .ThenBy(w => Featured.ToList().IndexOf(w)).ThenBy(w => w.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public WebSystem? ByKey(string key) => Current().ByKey.GetValueOrDefault(key);

    public WebSystem? ByUrl(string url) => Current().ByUrl.GetValueOrDefault(url);

    private Snapshot Current()
    {
        var source = registry.ByKey;
        if (_snapshot is { } s && ReferenceEquals(s.Source, source))
        {
            return s;
        }

        var idOf = new Dictionary<CodeSystemIndex, string>(ReferenceEqualityComparer.Instance);
        foreach (var (id, index) in source)
        {
            idOf[index] = id;
        }

        var byKey = new Dictionary<string, WebSystem>(StringComparer.OrdinalIgnoreCase);
        var byUrl = new Dictionary<string, WebSystem>(StringComparer.Ordinal);
        var featured = new List<WebSystem>();
        foreach (var (index, _) in search.Systems())
        {
            var known = Known.FirstOrDefault(k => k.Url == index.Url);
            // A second version of a well-known system (another SNOMED CT edition) keeps its resource id as key, so its pages stay reachable.
            var later = known.Key is not null && byKey.ContainsKey(known.Key);
            var system = known.Key is null || later
                ? new WebSystem(idOf.GetValueOrDefault(index) ?? index.Info.Name ?? "system", index.Info.Title ?? index.Info.Name ?? index.Url, index)
                : new WebSystem(known.Key, known.Name, index);
            if (byKey.TryAdd(system.Key, system) && !later)
            {
                byUrl[index.Url] = system;
            }
        }

        foreach (var k in Known)
        {
            if (byUrl.TryGetValue(k.Url, out var system))
            {
                featured.Add(system);
            }
        }

        s = new Snapshot(source, byKey, byUrl, featured);
        _snapshot = s;
        return s;
    }

    private sealed record Snapshot(object Source, Dictionary<string, WebSystem> ByKey, Dictionary<string, WebSystem> ByUrl, List<WebSystem> Featured);
}
