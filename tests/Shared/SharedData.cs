namespace TerminologyServer.Tests;

/// <summary>The real files of <c>../shared/data/</c> (found by walking up from the test binaries); linked into each test project that reads them.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        if (Environment.GetEnvironmentVariable("TERMINOLOGY_SHARED_DATA") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(System.IO.Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("shared/data not found above the test folder; set TERMINOLOGY_SHARED_DATA.");
    });

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    public static string Icd10Cm2026 => Path("icd10cm/icd10cm_order_2026.txt.gz");

    public static string Icd10Cm2025 => Path("icd10cm/fy2025/icd10cm_order_2025.txt.gz");

    public static string Icd10Cm2021 => Path("icd10cm/tabular-fy2021/icd10cm-order-Jan-2021.txt.gz");

    public static string Tabular2021 => Path("icd10cm/tabular-fy2021/icd10cm_tabular_2021.xml.gz");

    public static string Icd10Pcs2026 => Path("icd10pcs/icd10pcs_order_2026.txt.gz");

    public static string Hcpcs2025 => Path("hcpcs/HCPC2025_JAN_ANWEB_12172024.txt.gz");
}
