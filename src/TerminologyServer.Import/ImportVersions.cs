using System.Globalization;
using System.Text.RegularExpressions;

namespace TerminologyServer.Import;

/// <summary>
/// The version formats the importers accept, and deriving a version from a file name when none is given.
/// ICD-10-CM/PCS and CPT: a year, <c>2026</c> or <c>FY2026</c> (stored as <c>2026</c>). HCPCS: a quarter's
/// first month, <c>2025-01</c> (also <c>2025Q1</c>; derived from CMS names like <c>HCPC2025_JAN_…</c>).
/// </summary>
public static partial class ImportVersions
{
    /// <summary>The year version from <paramref name="given"/>, else from the file name; throws when neither gives one.</summary>
    public static string Year(string? given, string? fileName)
    {
        if (given is not null)
        {
            var m = YearPattern().Match(given.Trim());
            return m.Success ? m.Groups[1].Value : throw new ImportException($"unknown version format '{given}': use a year such as 2026 or FY2026.");
        }

        if (fileName is null)
        {
            throw new ImportException("a version is required: a year such as 2026 or FY2026.");
        }

        var years = YearInName().Matches(Path.GetFileName(fileName)).Select(x => x.Groups[1].Value).Distinct().ToList();
        return years.Count == 1
            ? years[0]
            : throw new ImportException($"cannot tell the version from the file name '{Path.GetFileName(fileName)}': give it (e.g. --version 2026).");
    }

    /// <summary>The HCPCS quarter version (<c>YYYY-MM</c>) from <paramref name="given"/>, else from the CMS file name.</summary>
    public static string Quarter(string? given, string? fileName)
    {
        if (given is not null)
        {
            var v = given.Trim();
            if (MonthPattern().Match(v) is { Success: true } m && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12)
            {
                return $"{m.Groups[1].Value}-{m.Groups[2].Value}";
            }

            if (QuarterPattern().Match(v) is { Success: true } q)
            {
                var month = (int.Parse(q.Groups[2].Value, CultureInfo.InvariantCulture) * 3) - 2;
                return $"{q.Groups[1].Value}-{month:00}";
            }

            throw new ImportException($"unknown version format '{given}': use a year and month such as 2025-01 (or 2025Q1).");
        }

        if (fileName is not null && CmsName().Match(Path.GetFileName(fileName)) is { Success: true } n)
        {
            var month = DateTime.ParseExact(n.Groups[2].Value, "MMM", CultureInfo.InvariantCulture).Month;
            return $"{n.Groups[1].Value}-{month:00}";
        }

        throw new ImportException(fileName is null
            ? "a version is required: a year and month such as 2025-01."
            : $"cannot tell the version from the file name '{Path.GetFileName(fileName)}': give it (e.g. --version 2025-01).");
    }

    [GeneratedRegex(@"^(?:FY)?(20[0-9]{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"(?<![0-9])(20[0-9]{2})(?![0-9])")]
    private static partial Regex YearInName();

    [GeneratedRegex(@"^(20[0-9]{2})-([0-9]{2})$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(20[0-9]{2})-?Q([1-4])$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"HCPC(20[0-9]{2})_(JAN|APR|JUL|OCT)", RegexOptions.IgnoreCase)]
    private static partial Regex CmsName();
}
