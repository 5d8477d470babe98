using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Import;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>
/// The real code systems of <c>../shared/data/</c> (ICD-10-CM FY2026, ICD-10-PCS FY2026, HCPCS January 2025, read
/// with the server's import readers) and the shipped CPT fragment, as engine indexes.
/// </summary>
internal static class RealData
{
    public const string Cpt = TerminologyServer.Import.Cpt.Url;
    public const string Icd10CmUrl = Icd10Cm.Url;
    public const string Icd10PcsUrl = Icd10Pcs.Url;
    public const string HcpcsUrl = Hcpcs.Url;

    /// <summary>The folder <c>shared/data</c> above the working or binary folder, or null when this checkout has none.</summary>
    public static string? DataFolder() => FindUp(Path.Combine("shared", "data", "icd10cm")) is { } icd ? Path.GetDirectoryName(icd) : null;

    public static CodeSystem CptResource()
    {
        var path = FindUp(Path.Combine("fhir-resources", "CodeSystem-cpt.json")) ?? throw new FileNotFoundException("fhir-resources/CodeSystem-cpt.json not found above the test folder.");
        return JsonSerializer.Deserialize<CodeSystem>(File.ReadAllText(path), new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!;
    }

    public static CodeSystemIndex CptIndex() => FhirCodeSystemReader.ToIndex(CptResource());

    public static CodeSystemIndex Icd10CmIndex(string dataFolder) => Icd10Cm.Open(Path.Combine(dataFolder, "icd10cm", "icd10cm_order_2026.txt.gz")).ToIndex();

    public static CodeSystemIndex Icd10PcsIndex(string dataFolder) => Icd10Pcs.Open(Path.Combine(dataFolder, "icd10pcs", "icd10pcs_order_2026.txt.gz")).ToIndex();

    public static CodeSystemIndex HcpcsIndex(string dataFolder) => Hcpcs.Open(Path.Combine(dataFolder, "hcpcs", "HCPC2025_JAN_ANWEB_12172024.txt.gz")).ToIndex();

    private static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
