using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import;

/// <summary>
/// CPT (<c>http://www.ama-assn.org/go/cpt</c>) from the files an AMA licensee receives (see <see cref="CptFiles"/>
/// for the names and layouts). The long descriptor file gives the codes and displays; medium, short, consumer and
/// clinician descriptors become designations; modifiers come from the modifier file; codes deleted in a history
/// file and absent from the current files become inactive (retired) concepts. Properties as HL7 defines CPT.
/// </summary>
public static class Cpt
{
    public const string Url = "http://www.ama-assn.org/go/cpt";

    /// <summary>The designation uses of the extra descriptors: codes short, medium, consumer, clinician.</summary>
    public const string DescriptorUseSystem = "urn:terminology-server:cpt-descriptor";

    /// <summary><paramref name="paths"/>: a folder (all its files) or the files themselves.</summary>
    public static ImportedCodeSystem Open(IReadOnlyList<string> paths, string? version = null)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
        var kinds = files.Select(f => (File: f, Kind: CptFiles.Classify(f))).ToList();
        if (!kinds.Any(k => k.Kind == CptFiles.Kind.Long))
        {
            throw new ImportException("no long descriptor file (LONGULT.txt) among the CPT files: it lists the codes.");
        }

        var v = ImportVersions.Year(version, paths.Count == 1 ? paths[0] : null);
        var header = CodeSystemHeaders.Create(
            CodeSystemHeaders.Id("cpt", v), Url, v, "CPT", "Current Procedural Terminology (CPT)", "American Medical Association",
            $"CPT {v}, imported from the AMA licensee data files.");
        header.HierarchyMeaning = null;
        header.Identifier.Add(new Identifier("urn:ietf:rfc:3986", "urn:oid:2.16.840.1.113883.6.12"));
        header.Copyright = new Markdown("CPT is copyright American Medical Association. All rights reserved. CPT is a registered trademark of the American Medical Association. Use of CPT codes, descriptions and related data requires a licence from the AMA.");
        foreach (var p in Properties)
        {
            header.Property.Add(p);
        }

        var hash = SourceFiles.Hash(kinds.OrderBy(k => k.Kind).ThenBy(k => Path.GetFileName(k.File), StringComparer.Ordinal).Select(k => k.File), $"cpt|{v}");
        return new ImportedCodeSystem(header, hash, files, position => Read(kinds, position));
    }

    /// <summary>The property declarations of HL7's CPT code system, as in the shipped <c>CodeSystem-cpt.json</c>.</summary>
    public static IReadOnlyList<CodeSystem.PropertyComponent> Properties { get; } =
    [
        P("modifier", CodeSystem.PropertyType.Boolean, "Whether the concept is a modifier rather than a procedure code."),
        P("modified", CodeSystem.PropertyType.Boolean, "Whether the concept is a code combined with one or more modifiers (post-coordinated)."),
        P("kind", CodeSystem.PropertyType.Code, "Kind of concept: code (an ordinary CPT code); for modifiers, general (a general-purpose CPT modifier, such as 26, 50 or 59), cat-1 or cat-2 (modifiers listed for Category I or Category II codes), physical-status (anesthesia physical status modifier), hcpcs (HCPCS Level II modifier approved for use with CPT); metadata (a grouping or other concept that is not reported)."),
        P("telemedicine", CodeSystem.PropertyType.Boolean, "Whether the code may be reported for a service delivered by synchronous telemedicine."),
        P("orthopox", CodeSystem.PropertyType.Boolean, "Whether the code relates to orthopoxvirus (for example mpox) vaccines or testing."),
        P("status", CodeSystem.PropertyType.Code, "Status of the concept: active, or retired for a code deleted from CPT.", "http://hl7.org/fhir/concept-properties#status"),
        P("inactive", CodeSystem.PropertyType.Boolean, "True when the code is no longer valid for reporting (deleted from CPT).", "http://hl7.org/fhir/concept-properties#inactive"),
        P("replaced-by", CodeSystem.PropertyType.Code, "A code to report instead of this deleted code; repeats when the service is now split across several codes."),
        P("modifier-definition", CodeSystem.PropertyType.String, "For a post-coordinated expression (code:modifier): the meaning of one of its modifiers. Given by $lookup, not stored on concepts."),
        P("copyright", CodeSystem.PropertyType.String, "A copyright statement that applies to this concept in particular."),
    ];

    /// <summary>The kind of a modifier: P1-P6 physical-status, two digits general, digit + F/P cat-2, else hcpcs.</summary>
    public static string ModifierKind(string m) =>
        m[0] == 'P' && m[1] is >= '1' and <= '6' ? "physical-status"
        : char.IsAsciiDigit(m[0]) && char.IsAsciiDigit(m[1]) ? "general"
        : char.IsAsciiDigit(m[0]) && m[1] is 'P' or 'F' ? "cat-2"
        : "hcpcs";

    private static CodeSystem.PropertyComponent P(string code, CodeSystem.PropertyType type, string description, string? uri = null) =>
        new() { Code = code, Type = type, Description = description, Uri = uri };

    private static IEnumerable<ImportedConcept> Read(List<(string File, CptFiles.Kind Kind)> files, ImportPosition position)
    {
        var codes = new Dictionary<string, ImportedConcept>(StringComparer.Ordinal);
        var order = new List<string>();
        var flags = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal) { ["telemedicine"] = [], ["orthopox"] = [] };
        void Add(string file, long line, string code, string display, bool modifier)
        {
            if (codes.ContainsKey(code))
            {
                throw new ImportException($"duplicate code {code}.", file, line);
            }

            codes[code] = new ImportedConcept(code, display)
                .Property("modifier", modifier).Property("modified", false)
                .Property("kind", PropertyType.Code, modifier ? ModifierKind(code) : "code");
            order.Add(code);
        }

        foreach (var (file, _) in files.Where(f => f.Kind == CptFiles.Kind.Long))
        {
            foreach (var (line, code, text) in CptFiles.ReadPairs(file, CptFiles.IsCode, position))
            {
                Add(file, line, code, text, false);
            }
        }

        foreach (var (file, _) in files.Where(f => f.Kind == CptFiles.Kind.Modifier))
        {
            foreach (var (line, code, text) in CptFiles.ReadPairs(file, CptFiles.IsModifier, position))
            {
                Add(file, line, code, text, true);
            }
        }

        foreach (var (file, kind) in files)
        {
            switch (kind)
            {
                case CptFiles.Kind.Medium or CptFiles.Kind.Short:
                    var use = kind == CptFiles.Kind.Medium ? "medium" : "short";
                    foreach (var (line, code, text) in CptFiles.ReadPairs(file, c => CptFiles.IsCode(c) || CptFiles.IsModifier(c), position))
                    {
                        Known(codes, code, file, line).Designation(new Designation("en", new DesignationUse(DescriptorUseSystem, use, null), text));
                    }

                    break;
                case CptFiles.Kind.Consumer or CptFiles.Kind.Clinician:
                    var descriptorUse = kind == CptFiles.Kind.Consumer ? "consumer" : "clinician";
                    string[] textColumns = kind == CptFiles.Kind.Consumer
                        ? ["Consumer Friendly Descriptor", "Consumer Descriptor", "Descriptor"]
                        : ["Clinician Descriptor", "Descriptor"];
                    foreach (var (line, get) in CptFiles.ReadTable(file, position))
                    {
                        var code = Required(get, ["CPT Code", "Code"], file, line);
                        var text = Required(get, textColumns, file, line);
                        Known(codes, code, file, line).Designation(new Designation("en", new DesignationUse(DescriptorUseSystem, descriptorUse, null), text));
                    }

                    break;
                case CptFiles.Kind.Telemedicine or CptFiles.Kind.Orthopox:
                    var set = flags[kind == CptFiles.Kind.Telemedicine ? "telemedicine" : "orthopox"];
                    foreach (var (line, raw) in SourceFiles.ReadLines(file, position))
                    {
                        var code = raw.Trim().Split('\t', ' ')[0];
                        if (code.Length > 0 && CptFiles.IsCode(code))
                        {
                            Known(codes, code, file, line);
                            set.Add(code);
                        }
                        else if (code.Length > 0 && line > 1)
                        {
                            throw new ImportException($"'{code}' is not a CPT code.", file, line);
                        }
                    }

                    break;
            }
        }

        foreach (var code in order)
        {
            var c = codes[code];
            foreach (var (property, set) in flags)
            {
                if (set.Contains(code))
                {
                    c.Property(property, true);
                }
            }

            yield return c;
        }

        foreach (var c in ReadDeleted(files.Where(f => f.Kind == CptFiles.Kind.History).Select(f => f.File), codes, position))
        {
            yield return c;
        }
    }

    private static IEnumerable<ImportedConcept> ReadDeleted(IEnumerable<string> historyFiles, Dictionary<string, ImportedConcept> current, ImportPosition position)
    {
        var deleted = new Dictionary<string, ImportedConcept>(StringComparer.Ordinal);
        foreach (var file in historyFiles)
        {
            foreach (var (line, get) in CptFiles.ReadTable(file, position))
            {
                var code = Required(get, ["CPT Code", "Code"], file, line);
                var change = Required(get, ["Change Type", "Action", "Change"], file, line).ToUpperInvariant();
                if (!CptFiles.IsCode(code))
                {
                    throw new ImportException($"'{code}' is not a CPT code.", file, line);
                }

                if (change is not ("DELETED" or "DELETE" or "D") || current.ContainsKey(code))
                {
                    continue;
                }

                if (!deleted.TryGetValue(code, out var c))
                {
                    var text = get(["Current Descriptor", "Long Descriptor", "Descriptor"]);
                    c = new ImportedConcept(code, string.IsNullOrEmpty(text) ? null : text)
                        .Property("modifier", false).Property("modified", false).Property("kind", PropertyType.Code, "code")
                        .Property("status", PropertyType.Code, "retired").Property("inactive", true);
                    deleted[code] = c;
                    foreach (var r in (get(["Replaced By", "Replacement Codes"]) ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
                    {
                        c.Property("replaced-by", PropertyType.Code, r);
                    }
                }
            }
        }

        return deleted.Values;
    }

    private static ImportedConcept Known(Dictionary<string, ImportedConcept> codes, string code, string file, long line) =>
        codes.TryGetValue(code, out var c) ? c : throw new ImportException($"code {code} is not in the long descriptor or modifier file.", file, line);

    private static string Required(Func<string[], string?> get, string[] names, string file, long line) =>
        get(names) is { Length: > 0 } v ? v : throw new ImportException($"no value in column '{names[0]}' (a tab-separated header row naming it is expected).", file, line);
}
