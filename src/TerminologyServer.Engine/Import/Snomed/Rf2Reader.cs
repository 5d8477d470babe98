using System.Globalization;
using System.Text;
using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Import.Snomed;

/// <summary>
/// Reads RF2 snapshot files into a <see cref="SnomedEditionBuilder"/>, checking every line: the column count and
/// header of its file kind, SCTIDs (digits and Verhoeff check digit), effective times, active flags, member UUIDs.
/// The first bad line stops the read with an <see cref="ImportException"/> naming the file and line, so nothing of a
/// malformed release is stored. See https://confluence.ihtsdotools.org/display/DOCRELFMT.
/// </summary>
public static class Rf2Reader
{
    private static readonly string[] ConceptHeader = ["id", "effectiveTime", "active", "moduleId", "definitionStatusId"];
    private static readonly string[] DescriptionHeader = ["id", "effectiveTime", "active", "moduleId", "conceptId", "languageCode", "typeId", "term", "caseSignificanceId"];
    private static readonly string[] RelationshipHeader = ["id", "effectiveTime", "active", "moduleId", "sourceId", "destinationId", "relationshipGroup", "typeId", "characteristicTypeId", "modifierId"];
    private static readonly string[] ConcreteHeader = ["id", "effectiveTime", "active", "moduleId", "sourceId", "value", "relationshipGroup", "typeId", "characteristicTypeId", "modifierId"];
    private static readonly string[] RefsetHeader = ["id", "effectiveTime", "active", "moduleId", "refsetId", "referencedComponentId"];

    /// <summary>What the files held: the filled builder, the modules seen and the latest effective time.</summary>
    public sealed record Result(SnomedEditionBuilder Builder, int LatestEffectiveTime, IReadOnlyList<(long Module, long DependsOn)> ModuleDependencies, IReadOnlyDictionary<long, int> ConceptsByModule);

    /// <summary>Reads every file (concepts first, so counts in progress make sense). Throws <see cref="ImportException"/> on the first bad line.</summary>
    public static Result Read(IEnumerable<Rf2File> files, ImportPosition? position = null, CancellationToken ct = default)
    {
        var list = files.Where(f => f.Kind != Rf2Kind.Skipped).OrderBy(f => f.Kind).ToList();
        if (position is not null)
        {
            position.TotalBytes = list.Sum(f => f.Length);
        }

        var state = new State();
        foreach (var file in list)
        {
            ReadFile(file, state, position, ct);
        }

        return new Result(state.Builder, state.Latest, state.Dependencies, state.ByModule);
    }

    private sealed class State
    {
        public SnomedEditionBuilder Builder { get; } = new();
        public int Latest { get; set; }
        public List<(long, long)> Dependencies { get; } = [];
        public Dictionary<long, int> ByModule { get; } = [];
    }

    private static void ReadFile(Rf2File file, State state, ImportPosition? position, CancellationToken ct)
    {
        using var stream = file.Open();
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16);
        var header = reader.ReadLine()?.TrimEnd('\r').Split('\t') ?? throw new ImportException("the file is empty (an RF2 file starts with its header line).", file.Path, 1);
        var fields = CheckHeader(file, header);
        var columns = header.Length;
        long number = 1;
        var b = state.Builder;
        string? text;
        while (true)
        {
            try
            {
                text = reader.ReadLine();
            }
            catch (DecoderFallbackException)
            {
                throw new ImportException("the file is not UTF-8 text.", file.Path, number + 1);
            }

            if (text is null)
            {
                break;
            }

            number++;
            if ((number & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            position?.AddBytes(text.Length + 1);
            position?.AddLine();
            if (text.Length == 0 || (text.Length == 1 && text[0] == '\r'))
            {
                continue;
            }

            var c = text.TrimEnd('\r').Split('\t');
            var line = new Line(file.Path, number, c);
            if (c.Length != columns)
            {
                throw new ImportException($"{c.Length} columns where the header has {columns}.", file.Path, number);
            }

            var effectiveTime = line.Date(1);
            if (effectiveTime > state.Latest)
            {
                state.Latest = effectiveTime;
            }

            var active = line.Active(2);
            var module = line.Id(3, "moduleId");
            switch (file.Kind)
            {
                case Rf2Kind.Concept:
                    var concept = line.Id(0, "id");
                    var status = line.Id(4, "definitionStatusId");
                    b.AddConcept(concept, new SnomedConceptFacts(active, module, effectiveTime, status != SnomedIds.Defined));
                    state.ByModule[module] = state.ByModule.GetValueOrDefault(module) + 1;
                    break;
                case Rf2Kind.Description or Rf2Kind.TextDefinition:
                    if (c[7].Length == 0)
                    {
                        throw new ImportException("the term is empty.", file.Path, number);
                    }

                    b.AddDescription(line.Id(0, "id"), active, module, effectiveTime, line.Id(4, "conceptId"), c[5], line.Id(6, "typeId"), c[7], line.Id(8, "caseSignificanceId"));
                    break;
                case Rf2Kind.Relationship:
                    line.Id(0, "id");
                    line.Id(9, "modifierId");
                    b.AddRelationship(active, line.Id(4, "sourceId"), line.Id(7, "typeId"), line.Id(5, "destinationId"), line.Group(6), line.Id(8, "characteristicTypeId"));
                    break;
                case Rf2Kind.ConcreteValues:
                    line.Id(0, "id");
                    line.Id(9, "modifierId");
                    if (c[5].Length < 2 || c[5][0] is not ('#' or '"') && c[5] is not ("true" or "false"))
                    {
                        throw new ImportException($"'{c[5]}' is not a concrete value (#number, \"string\" or true/false).", file.Path, number);
                    }

                    b.AddConcreteValue(active, line.Id(4, "sourceId"), line.Id(7, "typeId"), c[5], line.Group(6), line.Id(8, "characteristicTypeId"));
                    break;
                case Rf2Kind.LanguageRefset:
                    b.AddLanguageMember(line.Id(4, "refsetId"), line.Uuid(0), active, module, effectiveTime, line.Id(5, "referencedComponentId"), line.Id(6, "acceptabilityId"));
                    break;
                default:
                    var refset = line.Id(4, "refsetId");
                    var extra = c[6..];
                    for (var i = 0; i < extra.Length; i++)
                    {
                        if (file.Pattern[i] == 'c' && extra[i].Length > 0)
                        {
                            line.Id(6 + i, fields[i]);
                        }
                        else if (file.Pattern[i] == 'i' && !int.TryParse(extra[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                        {
                            throw new ImportException($"{fields[i]} '{extra[i]}' is not an integer.", file.Path, number);
                        }
                    }

                    var component = line.Component(5);
                    b.AddMember(refset, fields, line.Uuid(0), active, module, effectiveTime, component, extra);
                    if (refset == SnomedIds.ModuleDependencyRefset && active)
                    {
                        state.Dependencies.Add((module, component));
                    }

                    break;
            }
        }
    }

    /// <summary>Checks the header names for the file kind; for a refset, returns the names of its additional fields.</summary>
    private static string[] CheckHeader(Rf2File file, string[] header)
    {
        var expected = file.Kind switch
        {
            Rf2Kind.Concept => ConceptHeader,
            Rf2Kind.Description or Rf2Kind.TextDefinition => DescriptionHeader,
            Rf2Kind.Relationship => RelationshipHeader,
            Rf2Kind.ConcreteValues => ConcreteHeader,
            _ => RefsetHeader,
        };
        var refset = file.Kind is Rf2Kind.Refset or Rf2Kind.LanguageRefset;
        var columns = refset ? RefsetHeader.Length + file.Pattern.Length : expected.Length;
        if (header.Length != columns)
        {
            throw new ImportException($"the header has {header.Length} columns; a {Describe(file)} file has {columns}.", file.Path, 1);
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (!header[i].Equals(expected[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new ImportException($"header column {i + 1} is '{header[i]}' where a {Describe(file)} file has '{expected[i]}'.", file.Path, 1);
            }
        }

        return refset ? header[RefsetHeader.Length..] : [];
    }

    private static string Describe(Rf2File file) => file.Kind switch
    {
        Rf2Kind.Refset or Rf2Kind.LanguageRefset => $"'{file.Pattern}' refset",
        _ => file.Kind.ToString(),
    };

    /// <summary>One line's columns with the checks that name the file and line when they fail.</summary>
    private readonly record struct Line(string File, long Number, string[] Columns)
    {
        public long Id(int column, string name)
        {
            var text = Columns[column];
            if (!Sctid.IsValid(text))
            {
                throw new ImportException($"{name} '{text}' is not a valid SCTID (6-18 digits ending in a Verhoeff check digit).", File, Number);
            }

            return long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        /// <summary>A referenced component: an SCTID (concept, description...); other identifiers are kept as 0.</summary>
        public long Component(int column) => Columns[column].All(char.IsAsciiDigit) ? Id(column, "referencedComponentId") : 0;

        public int Date(int column)
        {
            var text = Columns[column];
            if (!SnomedVersion.IsDate(text))
            {
                throw new ImportException($"effectiveTime '{text}' is not a date yyyymmdd.", File, Number);
            }

            return int.Parse(text, CultureInfo.InvariantCulture);
        }

        public bool Active(int column) => Columns[column] switch
        {
            "1" => true,
            "0" => false,
            var other => throw new ImportException($"active '{other}' must be 0 or 1.", File, Number),
        };

        public int Group(int column) =>
            int.TryParse(Columns[column], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : throw new ImportException($"relationshipGroup '{Columns[column]}' is not a number.", File, Number);

        public string Uuid(int column) =>
            Guid.TryParse(Columns[column], out _) ? Columns[column] : throw new ImportException($"id '{Columns[column]}' is not a UUID.", File, Number);
    }
}
