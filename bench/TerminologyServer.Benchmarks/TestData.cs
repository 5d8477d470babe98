using System.IO.Compression;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Storage;

namespace TerminologyServer.Benchmarks;

/// <summary>The code systems the benchmarks run on: the shipped CPT fragment and ICD-10-CM FY2026 (~98k concepts).</summary>
public static class TestData
{
    public const string CptUrl = "http://www.ama-assn.org/go/cpt";
    public const string Icd10CmUrl = "http://hl7.org/fhir/sid/icd-10-cm";
    private const string OrderFile = "icd10cm_order_2026.txt.gz";

    public static CodeSystemIndex Cpt()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "CodeSystem-cpt.json");
        return FhirCodeSystemReader.ToIndex(FhirJson.Deserialize<CodeSystem>(File.ReadAllText(path)));
    }

    /// <summary>
    /// The CMS order file (<c>../shared/data/icd10cm/</c>, found by walking up from the working and binary
    /// folders, or named by <c>ICD10CM_ORDER_FILE</c>).
    /// </summary>
    public static string Icd10CmOrderFile()
    {
        if (Environment.GetEnvironmentVariable("ICD10CM_ORDER_FILE") is { Length: > 0 } named)
        {
            return named;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "icd10cm", OrderFile);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{OrderFile} not found above {Directory.GetCurrentDirectory()}; set ICD10CM_ORDER_FILE.");
    }

    /// <summary>One line of the order file: code (without dot), billable flag, short and long description.</summary>
    public sealed record Icd10CmRow(string Code, bool Billable, string Short, string Long);

    /// <summary>
    /// Parses the fixed-width order file: code in columns 7-13, billable flag in 15, short description in 17-76,
    /// long description from 78 (1-based).
    /// </summary>
    public static List<Icd10CmRow> ReadIcd10CmRows(string path)
    {
        var rows = new List<Icd10CmRow>(100_000);
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            line = line.TrimEnd('\r');
            if (line.Length < 78)
            {
                continue;
            }

            rows.Add(new Icd10CmRow(
                line.Substring(6, 7).Trim(),
                line[14] == '1',
                line.Substring(16, 60).Trim(),
                line[77..].Trim()));
        }

        return rows;
    }

    /// <summary>Builds the ICD-10-CM index: dotted codes, long description as display, parent = longest proper prefix present.</summary>
    public static CodeSystemIndex BuildIcd10Cm(List<Icd10CmRow> rows)
    {
        var builder = new CodeSystemIndexBuilder(new CodeSystemInfo
        {
            Url = Icd10CmUrl,
            Version = "2026",
            Name = "ICD10CM",
            Title = "International Classification of Diseases, Tenth Revision, Clinical Modification (ICD-10-CM)",
            Status = "active",
        });
        builder.DeclareProperty(new PropertyDefinition("billable", null, "Valid for submission on a HIPAA-covered transaction", PropertyType.Boolean));
        var present = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        foreach (var r in rows)
        {
            present.Add(r.Code);
        }

        var shortUse = new DesignationUse("http://snomed.info/sct", "900000000000013009", "Synonym");
        foreach (var r in rows)
        {
            var i = builder.AddConcept(Dotted(r.Code), r.Long, null);
            builder.AddProperty(i, new PropertyValue("billable", PropertyType.Boolean, r.Billable ? "true" : "false"));
            if (r.Short != r.Long)
            {
                builder.AddDesignation(i, new Designation("en", shortUse, r.Short));
            }

            for (var k = r.Code.Length - 1; k >= 3; k--)
            {
                var prefix = r.Code[..k];
                if (present.Contains(prefix))
                {
                    builder.AddParent(i, Dotted(prefix));
                    break;
                }
            }
        }

        return builder.Build();
    }

    public static CodeSystemIndex Icd10Cm() => BuildIcd10Cm(ReadIcd10CmRows(Icd10CmOrderFile()));

    private static string Dotted(string code) => code.Length > 3 ? string.Concat(code.AsSpan(0, 3), ".", code.AsSpan(3)) : code;
}
