using System.Globalization;
using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

/// <summary>
/// Reads an RF2 snapshot folder into <see cref="InMemorySnomed"/> for tests: concepts, active inferred
/// relationships and concrete values, descriptions and text definitions, and every refset file (language
/// refsets also give the descriptions' acceptability). Test-only: the product's importer is elsewhere.
/// </summary>
internal static class Rf2TestLoader
{
    private const string Inferred = "900000000000011006";

    public static InMemorySnomed Load(string folder)
    {
        var data = new InMemorySnomed();
        var files = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories);
        foreach (var row in Rows(files.Single(f => Path.GetFileName(f).StartsWith("sct2_Concept_Snapshot", StringComparison.Ordinal))))
        {
            data.Concept(Long(row[0]), row[2] == "1", row[4] == "900000000000074008", Long(row[3]), Int(row[1]));
        }

        foreach (var file in files.Where(f => Path.GetFileName(f).StartsWith("sct2_Relationship", StringComparison.Ordinal)))
        {
            var concrete = Path.GetFileName(file).StartsWith("sct2_RelationshipConcreteValues", StringComparison.Ordinal);
            foreach (var row in Rows(file))
            {
                if (row[2] != "1" || row[8] != Inferred)
                {
                    continue;
                }

                var group = Int(row[6]);
                if (concrete)
                {
                    data.Concrete(Long(row[4]), Long(row[7]), row[5], group);
                }
                else
                {
                    data.Relationship(Long(row[4]), Long(row[7]), Long(row[5]), group);
                }
            }
        }

        // Acceptability of each description from the active members of the language refsets.
        var acceptability = new Dictionary<long, List<SnomedAcceptability>>();
        foreach (var file in files.Where(f => Path.GetFileName(f).StartsWith("der2_", StringComparison.Ordinal)))
        {
            var header = File.ReadLines(file).First().TrimEnd('\r').Split('\t');
            var isLanguage = header.Length == 7 && header[6] == "acceptabilityId";
            foreach (var row in Rows(file))
            {
                var refset = Long(row[4]);
                data.Fields(refset, header[6..]);
                data.Member(refset, Long(row[5]), row[2] == "1", Long(row[3]), Int(row[1]), row[6..]);
                if (isLanguage && row[2] == "1")
                {
                    var list = acceptability.TryGetValue(Long(row[5]), out var l) ? l : acceptability[Long(row[5])] = [];
                    list.Add(new SnomedAcceptability(refset, row[6] == "900000000000548007"));
                }
            }
        }

        foreach (var file in files.Where(f => Path.GetFileName(f) is var n
                     && (n.StartsWith("sct2_Description", StringComparison.Ordinal) || n.StartsWith("sct2_TextDefinition", StringComparison.Ordinal))))
        {
            foreach (var row in Rows(file))
            {
                var id = Long(row[0]);
                data.Description(Long(row[4]), id, row[7], Long(row[6]), row[5], row[2] == "1", Long(row[3]), Int(row[1]),
                    [.. acceptability.GetValueOrDefault(id, [])]);
            }
        }

        return data.Build();
    }

    private static IEnumerable<string[]> Rows(string file) => File.ReadLines(file).Skip(1).Where(l => l.Length > 0).Select(l => l.TrimEnd('\r').Split('\t'));

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
