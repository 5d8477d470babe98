using System.Globalization;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import.Loinc;

/// <summary>A Part of the Part file (LP code).</summary>
internal sealed record LoincPart(string Code, string Type, string Name, string Display, string Status);

/// <summary>A link from a term to a Part, and the LOINC property it fills (<c>http://loinc.org/property/COMPONENT</c> → COMPONENT).</summary>
internal sealed record LoincPartLink(string Property, string Part, string PartName);

/// <summary>An answer list (LL code) and its answers in sequence order.</summary>
internal sealed record LoincAnswerList(string Code, string Name, string Oid, List<(int Sequence, string Answer, string Display)> Answers);

/// <summary>
/// The accessory files of a LOINC release, read into memory before the table is streamed (they are keyed by the
/// codes the table's rows need): parts, part links, the component hierarchy, answer lists and their links,
/// consumer names, MAP_TO replacements and the linguistic variants. Every row that names a code the release does
/// not hold is an error naming its file and line.
/// </summary>
internal sealed class LoincAccessories
{
    public const string PropertyUri = "http://loinc.org/property/";

    public List<LoincPart> Parts { get; } = [];

    public Dictionary<(string Type, string Name), string> PartByName { get; } = [];

    public Dictionary<string, List<LoincPartLink>> Links { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<string>> Parents { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Hierarchy nodes with their text, in file order (some nodes are in neither the table nor the Part file).</summary>
    public Dictionary<string, string> HierarchyText { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, LoincAnswerList> AnswerLists { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<string>> AnswerListsOf { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> ConsumerNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<string>> MapTo { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<Designation>> Variants { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static LoincAccessories Read(LoincFiles files, IReadOnlySet<string> terms, ImportPosition position)
    {
        var a = new LoincAccessories();
        a.ReadParts(files.Parts, position);
        foreach (var file in new[] { files.PrimaryLinks, files.SupplementaryLinks }.OfType<string>())
        {
            a.ReadLinks(file, terms, position);
        }

        if (files.Hierarchy is { } h)
        {
            foreach (var row in LoincCsv.Read(h, ["CODE", "IMMEDIATE_PARENT"], position))
            {
                var code = row["CODE"];
                var parent = row["IMMEDIATE_PARENT"];
                if (code.Length == 0)
                {
                    throw row.Error("no CODE.");
                }

                a.HierarchyText.TryAdd(code, row["CODE_TEXT"]);
                if (parent.Length > 0 && !parent.Equals(code, StringComparison.OrdinalIgnoreCase))
                {
                    Add(a.Parents, code, parent, unique: true);
                }
            }

            foreach (var parent in a.Parents.Values.SelectMany(p => p))
            {
                if (!a.HierarchyText.ContainsKey(parent))
                {
                    throw new ImportException($"the parent {parent} is not itself a node of the hierarchy.", h);
                }
            }
        }

        if (files.AnswerLists is { } al)
        {
            a.ReadAnswerLists(al, position);
        }

        if (files.AnswerListLinks is { } links)
        {
            foreach (var row in LoincCsv.Read(links, ["LoincNumber", "AnswerListId"], position))
            {
                var term = Known(row, "LoincNumber", terms);
                var list = row["AnswerListId"];
                if (!a.AnswerLists.ContainsKey(list))
                {
                    throw row.Error($"the answer list {list} is not in AnswerList.csv.");
                }

                Add(a.AnswerListsOf, term, list, unique: true);
            }
        }

        if (files.ConsumerNames is { } cn)
        {
            foreach (var row in LoincCsv.Read(cn, ["LoincNumber", "ConsumerName"], position))
            {
                var term = Known(row, "LoincNumber", terms);
                if (row["ConsumerName"].Length > 0 && !a.ConsumerNames.TryAdd(term, row["ConsumerName"]))
                {
                    throw row.Error($"a second consumer name for {term}.");
                }
            }
        }

        if (files.MapTo is { } mt)
        {
            foreach (var row in LoincCsv.Read(mt, ["LOINC", "MAP_TO"], position))
            {
                var term = Known(row, "LOINC", terms);
                Add(a.MapTo, term, Known(row, "MAP_TO", terms), unique: true);
            }
        }

        foreach (var (file, tag) in files.Variants)
        {
            a.ReadVariants(file, tag, terms, position);
        }

        return a;
    }

    private void ReadParts(string? file, ImportPosition position)
    {
        if (file is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in LoincCsv.Read(file, ["PartNumber", "PartTypeName", "PartName"], position))
        {
            var code = row["PartNumber"];
            if (!code.StartsWith("LP", StringComparison.OrdinalIgnoreCase))
            {
                throw row.Error($"'{code}' is not a LOINC Part number (LP…).");
            }

            if (!seen.Add(code))
            {
                throw row.Error($"duplicate Part {code}.");
            }

            var part = new LoincPart(code, row["PartTypeName"], row["PartName"], row["PartDisplayName"] is { Length: > 0 } d ? d : row["PartName"], row["Status"]);
            Parts.Add(part);
            PartByName.TryAdd((part.Type, part.Name), code);
        }
    }

    private void ReadLinks(string file, IReadOnlySet<string> terms, ImportPosition position)
    {
        foreach (var row in LoincCsv.Read(file, ["LoincNumber", "PartNumber", "PartTypeName"], position))
        {
            var term = Known(row, "LoincNumber", terms);
            var uri = row["Property"];
            var property = uri.StartsWith(PropertyUri, StringComparison.Ordinal) ? uri[PropertyUri.Length..] : AxisProperty(row["PartTypeName"]);
            if (property.Length == 0 || row["PartNumber"].Length == 0)
            {
                throw row.Error("a part link without a property or a part number.");
            }

            if (!Links.TryGetValue(term, out var list))
            {
                Links[term] = list = [];
            }

            if (!list.Any(l => l.Property == property && l.Part == row["PartNumber"]))
            {
                list.Add(new LoincPartLink(property, row["PartNumber"], row["PartName"]));
            }
        }
    }

    private void ReadAnswerLists(string file, ImportPosition position)
    {
        foreach (var row in LoincCsv.Read(file, ["AnswerListId", "AnswerListName", "AnswerStringId", "DisplayText"], position))
        {
            var id = row["AnswerListId"];
            if (!id.StartsWith("LL", StringComparison.OrdinalIgnoreCase))
            {
                throw row.Error($"'{id}' is not a LOINC answer list id (LL…).");
            }

            if (!AnswerLists.TryGetValue(id, out var list))
            {
                AnswerLists[id] = list = new LoincAnswerList(id, row["AnswerListName"], row["AnswerListOID"], []);
            }

            var answer = row["AnswerStringId"];
            if (answer.Length == 0)
            {
                continue; // an externally defined list has no LA rows of its own
            }

            if (!answer.StartsWith("LA", StringComparison.OrdinalIgnoreCase))
            {
                throw row.Error($"'{answer}' is not a LOINC answer id (LA…).");
            }

            var sequence = row["SequenceNumber"].Length == 0 ? list.Answers.Count + 1
                : int.TryParse(row["SequenceNumber"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s
                : throw row.Error($"bad SequenceNumber '{row["SequenceNumber"]}'.");
            list.Answers.Add((sequence, answer, row["DisplayText"]));
        }

        foreach (var list in AnswerLists.Values)
        {
            // A stable sort: answers of one sequence number stay in file order.
            var sorted = list.Answers.OrderBy(x => x.Sequence).ToList();
            list.Answers.Clear();
            list.Answers.AddRange(sorted);
        }
    }

    private void ReadVariants(string file, string tag, IReadOnlySet<string> terms, ImportPosition position)
    {
        foreach (var row in LoincCsv.Read(file, ["LOINC_NUM", "COMPONENT", "LONG_COMMON_NAME"], position))
        {
            var term = Known(row, "LOINC_NUM", terms);
            if (!Variants.TryGetValue(term, out var list))
            {
                Variants[term] = list = [];
            }

            // The first designation of a language is the display for that language, so the fullest name goes first.
            var fsn = row["COMPONENT"].Length == 0 ? ""
                : string.Join(':', new[] { "COMPONENT", "PROPERTY", "TIME_ASPCT", "SYSTEM", "SCALE_TYP", "METHOD_TYP" }.Select(c => row[c])).TrimEnd(':');
            foreach (var (use, value) in new[]
            {
                (Loinc.LongCommonNameUse, row["LONG_COMMON_NAME"]), (Loinc.DisplayNameUse, row["LinguisticVariantDisplayName"]),
                (Loinc.ShortNameUse, row["SHORTNAME"]), (Loinc.FullySpecifiedNameUse, fsn),
            })
            {
                if (value.Length > 0 && !list.Any(d => d.Language == tag && d.Value == value))
                {
                    list.Add(new Designation(tag, use, value));
                }
            }
        }
    }

    /// <summary>The LOINC property of a Part type in files without a Property column.</summary>
    private static string AxisProperty(string partType) => partType switch
    {
        "TIME" => "TIME_ASPCT",
        "SCALE" => "SCALE_TYP",
        "METHOD" => "METHOD_TYP",
        _ => partType,
    };

    private static string Known(FieldRow row, string column, IReadOnlySet<string> terms)
    {
        var code = row[column];
        return terms.Contains(code) ? code : throw row.Error($"{column} '{code}' is not a term of Loinc.csv.");
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value, bool unique)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        if (!unique || !list.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(value);
        }
    }
}
