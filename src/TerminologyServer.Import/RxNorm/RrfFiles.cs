namespace TerminologyServer.Import.RxNorm;

/// <summary>
/// The RRF files of an RxNorm release (found by name below the folder, e.g. <c>rrf/RXNCONSO.RRF</c>) and their
/// columns, in the order NLM's RxNorm Technical Documentation gives them. RXNCONSO is required.
/// </summary>
internal sealed class RrfFiles
{
    public static readonly string[] ConsoColumns = ["RXCUI", "LAT", "TS", "LUI", "STT", "SUI", "ISPREF", "RXAUI", "SAUI", "SCUI", "SDUI", "SAB", "TTY", "CODE", "STR", "SRL", "SUPPRESS", "CVF"];

    public static readonly string[] RelColumns = ["RXCUI1", "RXAUI1", "STYPE1", "REL", "RXCUI2", "RXAUI2", "STYPE2", "RELA", "RUI", "SRUI", "SAB", "SL", "DIR", "RG", "SUPPRESS", "CVF"];

    public static readonly string[] SatColumns = ["RXCUI", "LUI", "SUI", "RXAUI", "STYPE", "CODE", "ATUI", "SATUI", "ATN", "SAB", "ATV", "SUPPRESS", "CVF"];

    public static readonly string[] SabColumns = ["VCUI", "RCUI", "VSAB", "RSAB", "SON", "SF", "SVER", "VSTART", "VEND", "IMETA", "RMETA", "SLC", "SCC", "SRL", "TFR", "CFR", "CXTY", "TTYL", "ATNL", "LAT", "CENC", "CURVER", "SABIN", "SSN", "SCIT"];

    public static readonly string[] CuiColumns = ["CUI1", "VER_START", "VER_END", "CARDINALITY", "CUI2"];

    public static readonly string[] StyColumns = ["RXCUI", "TUI", "STN", "STY", "ATUI", "CVF"];

    private RrfFiles(Dictionary<string, string> byName) => _byName = byName;

    private readonly Dictionary<string, string> _byName;

    public string Conso => _byName["RXNCONSO"];

    public string? Rel => Get("RXNREL");

    public string? Sat => Get("RXNSAT");

    public string? Sab => Get("RXNSAB");

    public string? Cui => Get("RXNCUI");

    public string? Sty => Get("RXNSTY");

    public IReadOnlyList<string> All => new[] { Conso, Rel, Sat, Sab, Cui, Sty }.OfType<string>().ToList();

    public static RrfFiles Find(string folder)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(folder, "*.RRF", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive }).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file).ToUpperInvariant();
            if (!byName.TryAdd(name, file))
            {
                throw new ImportException($"two {name}.RRF files below {folder}: import one release at a time.");
            }
        }

        return byName.ContainsKey("RXNCONSO")
            ? new RrfFiles(byName)
            : throw new ImportException($"no RXNCONSO.RRF below {folder}: not an RxNorm release (its files are in rrf/).");
    }

    private string? Get(string name) => _byName.TryGetValue(name, out var p) ? p : null;
}
