using System.Globalization;
using System.Text.RegularExpressions;

namespace TerminologyServer.Import.Loinc;

/// <summary>
/// The files of a LOINC release, found by name anywhere below the folder (so the release's own layout,
/// <c>LoincTable/Loinc.csv</c>, <c>AccessoryFiles/PartFile/Part.csv</c>…, and a flattened zip both work). Only
/// <c>Loinc.csv</c> is required; each accessory file adds what it holds.
/// </summary>
internal sealed partial class LoincFiles
{
    private LoincFiles(string folder, Dictionary<string, string> byName, IReadOnlyList<(string Path, string Tag)> variants)
    {
        Folder = folder;
        _byName = byName;
        Variants = variants;
    }

    private readonly Dictionary<string, string> _byName;

    public string Folder { get; }

    public string Table => _byName["loinc.csv"];

    public string? Parts => Get("Part.csv");

    public string? PrimaryLinks => Get("LoincPartLink_Primary.csv");

    public string? SupplementaryLinks => Get("LoincPartLink_Supplementary.csv");

    public string? Hierarchy => Get("ComponentHierarchyBySystem.csv");

    public string? AnswerLists => Get("AnswerList.csv");

    public string? AnswerListLinks => Get("LoincAnswerListLink.csv");

    public string? ConsumerNames => Get("ConsumerName.csv");

    public string? MapTo => Get("MapTo.csv");

    public string? VariantIndex => Get("LinguisticVariants.csv");

    /// <summary>The linguistic variant files with the language tag their name gives (<c>deDE15…</c> → <c>de-DE</c>).</summary>
    public IReadOnlyList<(string Path, string Tag)> Variants { get; }

    /// <summary>Every file read, in a fixed order (for the source hash and the progress total).</summary>
    public IReadOnlyList<string> All =>
        new[] { Table, Parts, PrimaryLinks, SupplementaryLinks, Hierarchy, AnswerLists, AnswerListLinks, ConsumerNames, MapTo, VariantIndex }
            .OfType<string>().Concat(Variants.Select(v => v.Path)).ToList();

    public static LoincFiles Find(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ImportException($"{folder}: not a folder (unpack the LOINC release zip, or give the zip).");
        }

        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var variants = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (VariantName().Match(name) is { Success: true } m)
            {
                variants.Add((file, $"{m.Groups[1].Value}-{m.Groups[2].Value}"));
                continue;
            }

            // The release holds Loinc.csv once; a second copy (another release beside it) would make the import ambiguous.
            if (!byName.TryAdd(name.ToLowerInvariant(), file) && name.Equals("Loinc.csv", StringComparison.OrdinalIgnoreCase))
            {
                throw new ImportException($"two Loinc.csv files below {folder}: import one release at a time.");
            }
        }

        if (!byName.ContainsKey("loinc.csv"))
        {
            throw new ImportException($"no Loinc.csv below {folder}: not a LOINC release (the table is LoincTable/Loinc.csv).");
        }

        return new LoincFiles(folder, byName, variants);
    }

    /// <summary>
    /// The version: given (<c>2.81</c>), else from the release name (<c>Loinc_2.81</c>), else the highest
    /// VersionLastChanged of the table (a release's own number is the newest version any term changed in).
    /// </summary>
    public string Version(string? given, string? releaseName)
    {
        if (given is not null)
        {
            return VersionPattern().IsMatch(given.Trim()) ? given.Trim() : throw new ImportException($"unknown LOINC version '{given}': use the release number, such as 2.81.");
        }

        if (releaseName is not null && NamedVersion().Match(Path.GetFileName(releaseName.TrimEnd('/', '\\'))) is { Success: true } n)
        {
            return n.Groups[1].Value;
        }

        string? best = null;
        foreach (var row in LoincCsv.Read(Table, ["LOINC_NUM"]))
        {
            foreach (var v in new[] { row["VersionLastChanged"], row["VersionFirstReleased"] })
            {
                if (VersionPattern().IsMatch(v) && (best is null || Compare(v, best) > 0))
                {
                    best = v;
                }
            }
        }

        return best ?? throw new ImportException("cannot tell the LOINC version (no VersionLastChanged in Loinc.csv): give it (e.g. --version 2.81).", Table);
    }

    private static int Compare(string a, string b)
    {
        var x = a.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var y = b.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var c = (i < x.Length ? x[i] : 0).CompareTo(i < y.Length ? y[i] : 0);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private string? Get(string name) => _byName.TryGetValue(name, out var p) ? p : null;

    [GeneratedRegex(@"^([a-z]{2,3})([A-Z]{2})[0-9]+LinguisticVariant\.csv$")]
    private static partial Regex VariantName();

    [GeneratedRegex(@"^[0-9]+\.[0-9]+$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^loinc[_ -]?([0-9]+\.[0-9]+)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedVersion();
}
