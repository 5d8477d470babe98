using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import.RxNorm;

/// <summary>
/// RxNorm (<c>http://www.nlm.nih.gov/research/umls/rxnorm</c>) from NLM's RRF release files, as HL7's "Using RxNorm"
/// page defines it: the codes are the RxCUIs that have atoms of source RXNORM in RXNCONSO; the display is the name
/// of the concept's preferred term type (IN, PIN, MIN, SCD, SBD…, never a synonym); other RXNORM names are
/// designations. Properties: TTY, SAB (every source naming the concept), STY and TUI (RXNSTY), every RXNORM
/// relationship of RXNREL as a Coding-valued property named by its RELA (<c>has_ingredient</c>, <c>tradename_of</c>,
/// <c>consists_of</c>…; a row reads "RXCUI2 RELA RXCUI1"), and the RXNORM attributes of RXNSAT (NDC,
/// RXN_STRENGTH…) as strings. A concept whose RXNORM atoms are all suppressed is inactive; the retired RxCUIs of
/// RXNCUI are inactive concepts, with <c>replaced-by</c> naming the RxCUI a remapped one now is.
/// </summary>
public static class RxNorm
{
    public const string Url = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private const string ConceptProperties = "http://hl7.org/fhir/concept-properties#";

    /// <summary>Term types in the order their name is preferred as the display; synonyms (SY, TMSY, PSN, ET) are never the display.</summary>
    private static readonly string[] DisplayOrder = ["IN", "PIN", "MIN", "SCD", "SBD", "GPCK", "BPCK", "SCDC", "SBDC", "SCDF", "SBDF", "SCDG", "SBDG", "SCDFP", "SBDFP", "SCDGP", "DF", "DFG", "BN"];

    private static readonly HashSet<string> Synonyms = new(StringComparer.Ordinal) { "SY", "TMSY", "PSN", "ET" };

    public static ImportedCodeSystem Open(string path, string? version = null)
    {
        var files = RrfFiles.Find(SourceFolders.Unpacked(path));
        var v = version?.Trim() is { Length: > 0 } given ? given : ReleaseVersion(files);
        var header = CodeSystemHeaders.Create(
            CodeSystemHeaders.Id("rxnorm", v.Replace('_', '-')), Url, v, "RxNorm", "RxNorm", "National Library of Medicine (NLM)",
            $"RxNorm {v}, imported from the RRF files: RxCUIs of source RXNORM with their term types, semantic types, relationships and attributes; retired and remapped RxCUIs as inactive concepts.");
        header.HierarchyMeaning = null;
        header.Identifier.Add(new Identifier("urn:ietf:rfc:3986", "urn:oid:2.16.840.1.113883.6.88"));
        header.Property("inactive", CodeSystem.PropertyType.Boolean, "True for a retired or remapped RxCUI, or one whose RXNORM names are all suppressed.", ConceptProperties + "inactive")
            .Property("TTY", CodeSystem.PropertyType.Code, "A term type of the concept's RXNORM names (IN, SCD, SBD, BN…).")
            .Property("SAB", CodeSystem.PropertyType.Code, "A source vocabulary that names the concept in RXNCONSO.")
            .Property("STY", CodeSystem.PropertyType.String, "A semantic type of the concept (RXNSTY STY).")
            .Property("TUI", CodeSystem.PropertyType.Code, "A semantic type identifier of the concept (RXNSTY TUI).")
            .Property("replaced-by", CodeSystem.PropertyType.Coding, "For a remapped RxCUI: the current RxCUI it was remapped to (RXNCUI CUI2).");
        var (relas, atns) = Names(files);
        foreach (var rela in relas)
        {
            header.Property(rela, CodeSystem.PropertyType.Coding, $"The RxNorm relationship {rela} (RXNREL RELA): the related RxCUI.");
        }

        foreach (var atn in atns.Where(a => !relas.Contains(a)))
        {
            header.Property(atn, CodeSystem.PropertyType.String, $"The RxNorm attribute {atn} (RXNSAT ATN).");
        }

        var hash = SourceFiles.Hash(files.All, $"rxnorm|{v}");
        return new ImportedCodeSystem(header, hash, files.All, position => Read(files, position));
    }

    private static string ReleaseVersion(RrfFiles files)
    {
        if (files.Sab is { } sab)
        {
            foreach (var row in DelimitedFile.ReadFixed(sab, '|', RrfFiles.SabColumns))
            {
                if (row["RSAB"] == "RXNORM" && row["SVER"].Length > 0)
                {
                    return row["SVER"];
                }
            }
        }

        throw new ImportException("cannot tell the RxNorm version (no RXNORM row with SVER in RXNSAB.RRF): give it (e.g. --version 25AA_250707F).");
    }

    /// <summary>The relationship names (RELA) and attribute names (ATN) of source RXNORM, so the header declares each.</summary>
    private static (SortedSet<string> Relas, SortedSet<string> Atns) Names(RrfFiles files)
    {
        var relas = new SortedSet<string>(StringComparer.Ordinal);
        var atns = new SortedSet<string>(StringComparer.Ordinal);
        if (files.Rel is { } rel)
        {
            foreach (var row in DelimitedFile.ReadFixed(rel, '|', RrfFiles.RelColumns).Where(r => r["SAB"] == "RXNORM" && r["RELA"].Length > 0))
            {
                relas.Add(row["RELA"]);
            }
        }

        if (files.Sat is { } sat)
        {
            foreach (var row in DelimitedFile.ReadFixed(sat, '|', RrfFiles.SatColumns).Where(r => r["SAB"] == "RXNORM" && r["ATN"].Length > 0))
            {
                atns.Add(row["ATN"]);
            }
        }

        relas.ExceptWith(["inactive", "TTY", "SAB", "STY", "TUI", "replaced-by"]);
        atns.ExceptWith(["inactive", "TTY", "SAB", "STY", "TUI", "replaced-by"]);
        return (relas, atns);
    }

    private static IEnumerable<ImportedConcept> Read(RrfFiles files, ImportPosition position)
    {
        var concepts = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var sources = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var row in DelimitedFile.ReadFixed(files.Conso, '|', RrfFiles.ConsoColumns, position))
        {
            var cui = Cui(row, "RXCUI");
            if (!sources.TryGetValue(cui, out var sabs))
            {
                sources[cui] = sabs = new SortedSet<string>(StringComparer.Ordinal);
            }

            sabs.Add(row["SAB"]);
            if (row["SAB"] != "RXNORM")
            {
                continue;
            }

            if (!concepts.TryGetValue(cui, out var c))
            {
                concepts[cui] = c = new Pending(cui);
            }

            c.Atoms.Add((row["TTY"], row["STR"], row["SUPPRESS"] is "" or "N"));
        }

        if (files.Sty is { } sty)
        {
            foreach (var row in DelimitedFile.ReadFixed(sty, '|', RrfFiles.StyColumns, position))
            {
                if (concepts.TryGetValue(Cui(row, "RXCUI"), out var c))
                {
                    c.Types.Add((row["TUI"], row["STY"]));
                }
            }
        }

        if (files.Rel is { } rel)
        {
            foreach (var row in DelimitedFile.ReadFixed(rel, '|', RrfFiles.RelColumns, position))
            {
                if (row["SAB"] == "RXNORM" && row["RELA"].Length > 0 && concepts.TryGetValue(Cui(row, "RXCUI2"), out var subject) && concepts.ContainsKey(Cui(row, "RXCUI1")))
                {
                    subject.Relations.Add((row["RELA"], row["RXCUI1"]));
                }
            }
        }

        if (files.Sat is { } sat)
        {
            foreach (var row in DelimitedFile.ReadFixed(sat, '|', RrfFiles.SatColumns, position))
            {
                if (row["SAB"] == "RXNORM" && row["ATN"].Length > 0 && row["SUPPRESS"] is ("" or "N") && concepts.TryGetValue(Cui(row, "RXCUI"), out var c))
                {
                    c.Attributes.Add((row["ATN"], row["ATV"]));
                }
            }
        }

        var retired = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (files.Cui is { } cuiFile)
        {
            foreach (var row in DelimitedFile.ReadFixed(cuiFile, '|', RrfFiles.CuiColumns, position))
            {
                var from = Cui(row, "CUI1");
                if (!retired.TryGetValue(from, out var to))
                {
                    retired[from] = to = [];
                }

                var successor = row["CUI2"];
                if (successor.Length > 0 && successor != from)
                {
                    if (!concepts.ContainsKey(Cui(row, "CUI2")))
                    {
                        throw row.Error($"{from} is remapped to {successor}, which is not an RxCUI of source RXNORM in RXNCONSO.");
                    }

                    to.Add(successor);
                }
            }
        }

        var displays = concepts.Values.ToDictionary(c => c.Cui, c => c.Display, StringComparer.Ordinal);
        foreach (var c in concepts.Values)
        {
            yield return c.ToConcept(sources[c.Cui], displays, retired.GetValueOrDefault(c.Cui));
        }

        foreach (var (cui, successors) in retired.Where(r => !concepts.ContainsKey(r.Key)))
        {
            var concept = new ImportedConcept(cui, null).Property("inactive", true);
            foreach (var s in successors)
            {
                concept.Property(new PropertyValue("replaced-by", PropertyType.Coding, s, Url, displays[s]));
            }

            yield return concept;
        }
    }

    private static string Cui(FieldRow row, string column)
    {
        var cui = row[column];
        return cui.Length > 0 && cui.All(char.IsAsciiDigit) ? cui : throw row.Error($"{column} '{cui}' is not an RxCUI (digits).");
    }

    private sealed class Pending(string cui)
    {
        public string Cui => cui;

        public List<(string Tty, string Text, bool Active)> Atoms { get; } = [];

        public List<(string Tui, string Sty)> Types { get; } = [];

        public List<(string Rela, string Target)> Relations { get; } = [];

        public List<(string Atn, string Atv)> Attributes { get; } = [];

        public bool IsActive => Atoms.Any(a => a.Active);

        /// <summary>The name of the first preferred term type among the active names (all names when none is active).</summary>
        public string Display
        {
            get
            {
                var pool = IsActive ? Atoms.Where(a => a.Active).ToList() : Atoms;
                foreach (var tty in DisplayOrder)
                {
                    if (pool.FirstOrDefault(a => a.Tty == tty) is { Text: { Length: > 0 } text })
                    {
                        return text;
                    }
                }

                return pool.FirstOrDefault(a => !Synonyms.Contains(a.Tty)).Text ?? pool[0].Text;
            }
        }

        public ImportedConcept ToConcept(SortedSet<string> sabs, Dictionary<string, string> displays, List<string>? successors)
        {
            var display = Display;
            var c = new ImportedConcept(cui, display);
            var active = IsActive && successors is null;
            foreach (var (tty, text, atomActive) in Atoms)
            {
                if ((atomActive || !IsActive) && text != display && !c.Designations.Any(d => d.Value == text))
                {
                    c.Designation(new Designation("en", new DesignationUse(Url, tty, null), text));
                }
            }

            foreach (var tty in Atoms.Where(a => a.Active || !IsActive).Select(a => a.Tty).Distinct())
            {
                c.Property("TTY", PropertyType.Code, tty);
            }

            foreach (var sab in sabs)
            {
                c.Property("SAB", PropertyType.Code, sab);
            }

            foreach (var (tui, sty) in Types.Distinct())
            {
                c.Property("STY", PropertyType.String, sty).Property("TUI", PropertyType.Code, tui);
            }

            foreach (var (rela, target) in Relations.Distinct())
            {
                c.Property(new PropertyValue(rela, PropertyType.Coding, target, Url, displays[target]));
            }

            foreach (var (atn, atv) in Attributes.Distinct())
            {
                c.Property(atn, PropertyType.String, atv);
            }

            foreach (var s in successors ?? [])
            {
                c.Property(new PropertyValue("replaced-by", PropertyType.Coding, s, Url, displays[s]));
            }

            return c.Property("inactive", !active);
        }
    }
}
