using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import.Loinc;

/// <summary>
/// LOINC (<c>http://loinc.org</c>) from a release folder, as HL7's "Using LOINC with HL7 Standards" page and
/// fhir.loinc.org define it: terms (display = LONG_COMMON_NAME; short name, consumer name, display name and the
/// fully specified name as English designations; every linguistic variant as designations of its language),
/// Parts (LP…), answer lists (LL…) and answers (LA…) as concepts; the table's columns as properties under their
/// own names, the six axes and CLASS as Codings of their Parts, other part links, answer lists and MAP_TO as
/// Codings; the component hierarchy as parent/child. STATUS = DEPRECATED is inactive.
/// </summary>
public static partial class Loinc
{
    public const string Url = "http://loinc.org";

    private const string ConceptProperties = "http://hl7.org/fhir/concept-properties#";

    public static readonly DesignationUse LongCommonNameUse = new(Url, "LONG_COMMON_NAME", "Long Common Name");
    public static readonly DesignationUse ShortNameUse = new(Url, "SHORTNAME", "Short Name");
    public static readonly DesignationUse ConsumerNameUse = new(Url, "CONSUMER_NAME", "Consumer Name");
    public static readonly DesignationUse DisplayNameUse = new(Url, "DisplayName", "Display Name");
    public static readonly DesignationUse FullySpecifiedNameUse = new(Url, "FullySpecifiedName", "Fully Specified Name");
    public static readonly DesignationUse PartNameUse = new(Url, "PartName", "Part Name");

    /// <summary>The axes whose values are Parts: property code and the PartTypeName of its Parts.</summary>
    internal static readonly (string Property, string PartType)[] Axes =
    [
        ("COMPONENT", "COMPONENT"), ("PROPERTY", "PROPERTY"), ("TIME_ASPCT", "TIME"), ("SYSTEM", "SYSTEM"),
        ("SCALE_TYP", "SCALE"), ("METHOD_TYP", "METHOD"), ("CLASS", "CLASS"),
    ];

    /// <summary>The table's columns stored as string properties (the axes, lists and names are handled apart).</summary>
    internal static readonly string[] StringColumns =
    [
        "VersionLastChanged", "CHNG_TYPE", "DefinitionDescription", "STATUS", "CONSUMER_NAME", "CLASSTYPE", "FORMULA",
        "EXMPL_ANSWERS", "SURVEY_QUEST_TEXT", "SURVEY_QUEST_SRC", "UNITSREQUIRED", "RELATEDNAMES2", "SHORTNAME", "ORDER_OBS",
        "HL7_FIELD_SUBFIELD_ID", "EXTERNAL_COPYRIGHT_NOTICE", "EXAMPLE_UNITS", "LONG_COMMON_NAME", "EXAMPLE_UCUM_UNITS",
        "STATUS_REASON", "STATUS_TEXT", "CHANGE_REASON_PUBLIC", "COMMON_TEST_RANK", "COMMON_ORDER_RANK",
        "HL7_ATTACHMENT_STRUCTURE", "EXTERNAL_COPYRIGHT_LINK", "PanelType", "VersionFirstReleased",
        "ValidHL7AttachmentRequest", "DisplayName",
    ];

    private static readonly string[] CodeListColumns = ["AskAtOrderEntry", "AssociatedObservations"];

    /// <summary>
    /// Opens the release in <paramref name="path"/> (a folder, or a zip unpacked to a temporary folder); nothing is
    /// read past the headers until the concepts are enumerated.
    /// </summary>
    public static ImportedCodeSystem Open(string path, string? version = null)
    {
        var folder = SourceFolders.Unpacked(path);
        var files = LoincFiles.Find(folder);
        var v = files.Version(version, path);
        var header = CodeSystemHeaders.Create(
            CodeSystemHeaders.Id("loinc", v), Url, v, "LOINC", "Logical Observation Identifiers Names and Codes (LOINC)", "Regenstrief Institute, Inc.",
            $"LOINC {v}, imported from the release files: terms, Parts, answer lists and answers; part links, the component hierarchy, consumer names and linguistic variants.");
        header.CaseSensitive = false;
        header.Language = "en-US";
        header.ValueSet = "http://loinc.org/vs";
        header.Identifier.Add(new Identifier("urn:ietf:rfc:3986", "urn:oid:2.16.840.1.113883.6.1"));
        header.Copyright = new Markdown("This material contains content from LOINC (http://loinc.org). LOINC is copyright Regenstrief Institute, Inc. and the Logical Observation Identifiers Names and Codes (LOINC) Committee and is available at no cost under the license at http://loinc.org/license. LOINC® is a registered United States trademark of Regenstrief Institute, Inc.");
        Declare(header, LinkProperties(files));
        var hash = SourceFiles.Hash(files.All, $"loinc|{v}");
        return new ImportedCodeSystem(header, hash, files.All, position => Read(files, position));
    }

    private static void Declare(CodeSystem header, IEnumerable<string> linkProperties)
    {
        header.Property("parent", CodeSystem.PropertyType.Code, "A parent in the Component Hierarchy by System.", ConceptProperties + "parent")
            .Property("child", CodeSystem.PropertyType.Code, "A child in the Component Hierarchy by System.", ConceptProperties + "child")
            .Property("inactive", CodeSystem.PropertyType.Boolean, "True when STATUS is DEPRECATED.", ConceptProperties + "inactive");
        foreach (var (axis, _) in Axes)
        {
            header.Property(axis, CodeSystem.PropertyType.Coding, $"The {axis} axis of the term: its Part (LP code), or the text when the release links no Part.", LoincProperty(axis));
        }

        foreach (var column in StringColumns)
        {
            header.Property(column, CodeSystem.PropertyType.String, $"The {column} column of the LOINC table (for a Part: STATUS of the Part file).", LoincProperty(column));
        }

        foreach (var column in CodeListColumns)
        {
            header.Property(column, CodeSystem.PropertyType.Coding, $"One LOINC term of the {column} column.", LoincProperty(column));
        }

        header.Property("answer-list", CodeSystem.PropertyType.Coding, "An answer list (LL) linked to the term.", LoincProperty("answer-list"))
            .Property("MAP_TO", CodeSystem.PropertyType.Coding, "A term to use instead of this deprecated or discouraged one.", LoincProperty("MAP_TO"))
            .Property("PartTypeName", CodeSystem.PropertyType.String, "For a Part: its type (COMPONENT, SYSTEM, METHOD, CLASS, Document.Kind…).", LoincProperty("PartTypeName"))
            .Property("answer", CodeSystem.PropertyType.Coding, "For an answer list: one of its answers (LA), in sequence order.", LoincProperty("answer"))
            .Property("AnswerListOID", CodeSystem.PropertyType.String, "For an answer list: its OID.", LoincProperty("AnswerListOID"));
        var declared = header.Property.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var p in linkProperties.Where(declared.Add))
        {
            header.Property(p, CodeSystem.PropertyType.Coding, $"A Part linked to the term as {p} (part link files).", LoincProperty(p));
        }
    }

    private static string LoincProperty(string code) => LoincAccessories.PropertyUri + code;

    /// <summary>The properties the part link files fill, so the header declares each one before the concepts are read.</summary>
    private static List<string> LinkProperties(LoincFiles files)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { files.PrimaryLinks, files.SupplementaryLinks }.OfType<string>())
        {
            foreach (var row in LoincCsv.Read(file, ["LoincNumber", "PartNumber", "PartTypeName"]))
            {
                var uri = row["Property"];
                if (uri.StartsWith(LoincAccessories.PropertyUri, StringComparison.Ordinal) && seen.Add(uri))
                {
                    found.Add(uri[LoincAccessories.PropertyUri.Length..]);
                }
            }
        }

        return found;
    }

    private static IEnumerable<ImportedConcept> Read(LoincFiles files, ImportPosition position)
    {
        var terms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in LoincCsv.Read(files.Table, ["LOINC_NUM", "COMPONENT", "LONG_COMMON_NAME", "STATUS"]))
        {
            var code = row["LOINC_NUM"];
            if (!TermCode().IsMatch(code))
            {
                throw row.Error($"'{code}' is not a LOINC number (digits, a dash, a check digit).");
            }

            if (!terms.Add(code))
            {
                throw row.Error($"duplicate LOINC number {code}.");
            }
        }

        var a = LoincAccessories.Read(files, terms, position);
        var seen = new HashSet<string>(terms, StringComparer.OrdinalIgnoreCase);
        var partDisplay = a.Parts.ToDictionary(p => p.Code, p => p.Display, StringComparer.OrdinalIgnoreCase);
        foreach (var row in LoincCsv.Read(files.Table, ["LOINC_NUM"], position))
        {
            yield return Term(row, a, partDisplay);
        }

        foreach (var part in a.Parts)
        {
            if (!seen.Add(part.Code))
            {
                throw new ImportException($"the Part {part.Code} has the code of a LOINC term.", files.Parts);
            }

            var c = new ImportedConcept(part.Code, part.Display);
            AddParents(c, a);
            if (part.Name.Length > 0 && part.Name != part.Display)
            {
                c.Designation(new Designation("en-US", PartNameUse, part.Name));
            }

            c.Property("PartTypeName", PropertyType.String, part.Type);
            if (part.Status.Length > 0)
            {
                c.Property("STATUS", PropertyType.String, part.Status);
            }

            c.Property("inactive", part.Status.Equals("DEPRECATED", StringComparison.OrdinalIgnoreCase));
            yield return c;
        }

        // Hierarchy nodes that are neither terms nor Parts (the root, grouping nodes): concepts with the hierarchy's text.
        foreach (var (code, text) in a.HierarchyText)
        {
            if (seen.Add(code))
            {
                var c = new ImportedConcept(code, text.Length > 0 ? text : null);
                AddParents(c, a);
                yield return c.Property("inactive", false);
            }
        }

        foreach (var list in a.AnswerLists.Values)
        {
            if (!seen.Add(list.Code))
            {
                throw new ImportException($"the answer list {list.Code} has the code of another concept.", files.AnswerLists);
            }

            var c = new ImportedConcept(list.Code, list.Name.Length > 0 ? list.Name : null).Property("inactive", false);
            if (list.Oid.Length > 0)
            {
                c.Property("AnswerListOID", PropertyType.String, list.Oid);
            }

            foreach (var (_, answer, display) in list.Answers)
            {
                c.Property(new PropertyValue("answer", PropertyType.Coding, answer, Url, display.Length > 0 ? display : null));
            }

            yield return c;
        }

        foreach (var (answer, display) in a.AnswerLists.Values.SelectMany(l => l.Answers).Select(x => (x.Answer, x.Display)))
        {
            if (seen.Add(answer))
            {
                yield return new ImportedConcept(answer, display.Length > 0 ? display : null).Property("inactive", false);
            }
            else if (terms.Contains(answer) || partDisplay.ContainsKey(answer))
            {
                throw new ImportException($"the answer {answer} has the code of a term or a Part.", files.AnswerLists);
            }
        }
    }

    private static ImportedConcept Term(FieldRow row, LoincAccessories a, Dictionary<string, string> partDisplay)
    {
        var code = row["LOINC_NUM"];
        var display = FirstOf(row["LONG_COMMON_NAME"], row["DisplayName"], row["SHORTNAME"], row["COMPONENT"]);
        var c = new ImportedConcept(code, display, row["DefinitionDescription"] is { Length: > 0 } d ? d : null);
        AddParents(c, a);
        var links = a.Links.TryGetValue(code, out var l) ? l : [];
        foreach (var (axis, partType) in Axes)
        {
            var text = row[axis];
            var linked = links.Where(x => x.Property == axis).ToList();
            if (linked.Count > 0)
            {
                linked.ForEach(x => c.Property(new PropertyValue(axis, PropertyType.Coding, x.Part, Url, FirstOf(x.PartName, partDisplay.GetValueOrDefault(x.Part)))));
            }
            else if (text.Length > 0)
            {
                c.Property(a.PartByName.TryGetValue((partType, text), out var part)
                    ? new PropertyValue(axis, PropertyType.Coding, part, Url, text)
                    : new PropertyValue(axis, PropertyType.String, text));
            }
        }

        foreach (var column in StringColumns)
        {
            if (row[column] is { Length: > 0 } value)
            {
                c.Property(column, PropertyType.String, value);
            }
        }

        c.Property("inactive", row["STATUS"].Equals("DEPRECATED", StringComparison.OrdinalIgnoreCase));
        foreach (var column in CodeListColumns)
        {
            foreach (var other in row[column].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                c.Property(new PropertyValue(column, PropertyType.Coding, other, Url));
            }
        }

        foreach (var link in links.Where(x => !Axes.Any(ax => ax.Property == x.Property)))
        {
            c.Property(new PropertyValue(link.Property, PropertyType.Coding, link.Part, Url, FirstOf(link.PartName, partDisplay.GetValueOrDefault(link.Part))));
        }

        foreach (var list in a.AnswerListsOf.GetValueOrDefault(code) ?? [])
        {
            c.Property(new PropertyValue("answer-list", PropertyType.Coding, list, Url, FirstOf(a.AnswerLists[list].Name)));
        }

        foreach (var target in a.MapTo.GetValueOrDefault(code) ?? [])
        {
            c.Property(new PropertyValue("MAP_TO", PropertyType.Coding, target, Url));
        }

        AddEnglish(c, ShortNameUse, row["SHORTNAME"]);
        AddEnglish(c, DisplayNameUse, row["DisplayName"]);
        AddEnglish(c, ConsumerNameUse, FirstOf(row["CONSUMER_NAME"], a.ConsumerNames.GetValueOrDefault(code)) ?? "");
        var fsn = string.Join(':', new[] { "COMPONENT", "PROPERTY", "TIME_ASPCT", "SYSTEM", "SCALE_TYP", "METHOD_TYP" }.Select(x => row[x])).TrimEnd(':');
        AddEnglish(c, FullySpecifiedNameUse, fsn);
        foreach (var v in a.Variants.GetValueOrDefault(code) ?? [])
        {
            c.Designation(v);
        }

        return c;
    }

    private static void AddEnglish(ImportedConcept c, DesignationUse use, string value)
    {
        if (value.Length > 0)
        {
            c.Designation(new Designation("en-US", use, value));
        }
    }

    private static void AddParents(ImportedConcept c, LoincAccessories a)
    {
        foreach (var p in a.Parents.GetValueOrDefault(c.Code) ?? [])
        {
            c.Parent(p);
        }
    }

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));

    [GeneratedRegex(@"^[0-9]{1,7}-[0-9]$")]
    private static partial Regex TermCode();
}
