using System.IO.Compression;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Tests.Search;

/// <summary>
/// The real code systems of <c>../shared/data/</c> (ICD-10-CM FY2026, ICD-10-PCS FY2026, HCPCS January 2025) and
/// the shipped CPT fragment, read straight from the CMS files into engine indexes.
/// </summary>
internal static class RealData
{
    public const string Cpt = "http://www.ama-assn.org/go/cpt";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Icd10Pcs = "http://www.cms.gov/Medicare/Coding/ICD10";
    public const string Hcpcs = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    private static readonly DesignationUse ShortName = new("http://snomed.info/sct", "900000000000013009", "Synonym");

    /// <summary>The folder <c>shared/data</c> above the working or binary folder, or null when this checkout has none.</summary>
    public static string? DataFolder() => FindUp(Path.Combine("shared", "data", "icd10cm")) is { } icd ? Path.GetDirectoryName(icd) : null;

    public static CodeSystem CptResource()
    {
        var path = FindUp(Path.Combine("fhir-resources", "CodeSystem-cpt.json")) ?? throw new FileNotFoundException("fhir-resources/CodeSystem-cpt.json not found above the test folder.");
        return JsonSerializer.Deserialize<CodeSystem>(File.ReadAllText(path), new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!;
    }

    public static CodeSystemIndex CptIndex() => FhirCodeSystemReader.ToIndex(CptResource());

    /// <summary>
    /// An ICD order file (ICD-10-CM or ICD-10-PCS: code in columns 7-13, valid flag in 15, short description 17-76,
    /// long from 78). Long description = display, short = designation; parent = longest proper prefix present.
    /// ICD-10-CM codes get their dot after the third character.
    /// </summary>
    public static CodeSystemIndex IcdOrderFile(string path, string url, string name, bool dotted)
    {
        var builder = new CodeSystemIndexBuilder(new CodeSystemInfo { Url = url, Version = "2026", Name = name, Title = name, Status = "active", HierarchyMeaning = "is-a" });
        var codes = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            line = line.TrimEnd('\r');
            if (line.Length < 78)
            {
                continue;
            }

            var raw = line.Substring(6, 7).Trim();
            var code = Format(raw, dotted);
            var shortText = line.Substring(16, 60).Trim();
            var longText = line[77..].Trim();
            var i = builder.AddConcept(code, longText, null);
            if (shortText != longText)
            {
                builder.AddDesignation(i, new Designation("en", ShortName, shortText));
            }

            if (line[14] == '0')
            {
                builder.AddProperty(i, new PropertyValue("notSelectable", PropertyType.Boolean, "true"));
            }

            for (var len = raw.Length - 1; len >= 3; len--)
            {
                if (codes.Contains(raw[..len]))
                {
                    builder.AddParent(i, Format(raw[..len], dotted));
                    break;
                }
            }

            codes.Add(raw);
        }

        return builder.Build();
    }

    /// <summary>HCPCS Level II procedure codes (records 3 and 4): long description joined, short one as designation, terminated codes inactive.</summary>
    public static CodeSystemIndex HcpcsFile(string path)
    {
        var builder = new CodeSystemIndexBuilder(new CodeSystemInfo { Url = Hcpcs, Version = "2025-01", Name = "HCPCS", Title = "HCPCS Level II", Status = "active" });
        builder.DeclareProperty(new PropertyDefinition("inactive", null, null, PropertyType.Boolean));
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var pending = new List<(string Code, string Long, string Short, bool Terminated)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 120)
            {
                continue;
            }

            var kind = line[10];
            if (kind == '3')
            {
                pending.Add((line[..5].Trim(), line.Substring(11, 80).Trim(), line.Substring(91, 28).Trim(), line.Length >= 292 && line.Substring(284, 8).Trim().Length > 0));
            }
            else if (kind == '4' && pending.Count > 0)
            {
                var last = pending[^1];
                pending[^1] = last with { Long = last.Long + " " + line.Substring(11, 80).Trim() };
            }
        }

        foreach (var (code, text, shortText, terminated) in pending)
        {
            var index = builder.AddConcept(code, text, null);
            if (shortText.Length > 0 && shortText != text)
            {
                builder.AddDesignation(index, new Designation("en", ShortName, shortText));
            }

            if (terminated)
            {
                builder.AddProperty(index, new PropertyValue("inactive", PropertyType.Boolean, "true"));
            }
        }

        return builder.Build();
    }

    private static string Format(string raw, bool dotted) => dotted && raw.Length > 3 ? raw[..3] + "." + raw[3..] : raw;

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
