using System.Globalization;
using System.Text;

namespace TerminologyServer.Api.Tests.Infrastructure;

/// <summary>
/// Writes made-up CPT licensee files in the AMA layouts the importer accepts (see README, "Importing code
/// systems"): LONGULT.txt / MEDU.txt / SHORTU.txt (code TAB descriptor; SHORTU space-separated to exercise both),
/// MODUL.txt (modifiers), ConsumerDescriptor.txt and ClinicianDescriptor.txt (tab-separated with header row),
/// History.txt (deleted codes with replacements) and Telemedicine.txt. Deterministic: the same arguments give the
/// same bytes. No AMA text: every descriptor is generated from a small made-up vocabulary.
/// </summary>
public static class CptFileGenerator
{
    private static readonly string[] Actions = ["Made-up repair", "Made-up imaging", "Made-up injection", "Made-up removal", "Made-up assessment", "Made-up drainage", "Made-up biopsy", "Made-up graft"];
    private static readonly string[] Sites = ["of the left widget", "of the right widget", "of the upper sprocket", "of the lower sprocket", "of both flanges", "of the gizmo"];
    private static readonly string[] Details = ["first unit", "each additional unit", "with guidance", "without guidance", "simple", "complex", "limited", "complete"];

    /// <summary>What was written, for assertions.</summary>
    public sealed record Result(string Folder, IReadOnlyList<string> Codes, IReadOnlyList<string> Modifiers, IReadOnlyList<string> Deleted, IReadOnlyList<string> Telemedicine)
    {
        public int ConceptCount => Codes.Count + Modifiers.Count + Deleted.Count;
    }

    /// <summary>Writes <paramref name="codes"/> (at least 10) active codes, 30 modifiers and <paramref name="deleted"/> deleted codes into <paramref name="folder"/>.</summary>
    public static Result Write(string folder, int codes = 10_000, int deleted = 50, int seed = 2026)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(codes, 10);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var list = new List<string>(codes);
        // Category I numbers from 10021 upwards with gaps, then some Category II (F) and III (T) codes.
        var next = 10021;
        for (var i = 0; i < codes; i++)
        {
            var kind = i % 50;
            list.Add(kind == 48 ? $"{(i / 50) % 10000:0000}F" : kind == 49 ? $"{(i / 50) % 10000:0000}T" : (next += 1 + random.Next(3)).ToString("00000", CultureInfo.InvariantCulture));
        }

        list = list.Distinct().ToList();
        var modifiers = Enumerable.Range(0, 20).Select(i => (22 + i).ToString(CultureInfo.InvariantCulture))
            .Concat(["P1", "P2", "P3", "1P", "2P", "8P", "XE", "XS", "XP", "XU"]).ToList();
        var deletedCodes = Enumerable.Range(0, deleted).Select(i => (90000 + (i * 7)).ToString("00000", CultureInfo.InvariantCulture)).Where(c => !list.Contains(c)).ToList();
        var tele = list.Where((_, i) => i % 97 == 0).ToList();

        var longText = list.ToDictionary(c => c, c => Describe(random, c));
        WriteLines(folder, "LONGULT.txt", list.Select(c => $"{c}\t{longText[c]}"));
        WriteLines(folder, "MEDU.txt", list.Select(c => $"{c}\t{Shorten(longText[c], 48).ToUpperInvariant()}"));
        WriteLines(folder, "SHORTU.txt", list.Select(c => $"{c} {Shorten(longText[c], 28).ToUpperInvariant()}"));
        WriteLines(folder, "MODUL.txt", modifiers.Select(m => $"{m}\tMade-up modifier {m}: {Actions[m[0] % Actions.Length].ToLowerInvariant()} variant"));
        WriteLines(folder, "ConsumerDescriptor.txt", list.Where((_, i) => i % 3 == 0).Select((c, i) => $"{1000000 + i}\t{c}\tPlain made-up words for {c}").Prepend("Concept Id\tCPT Code\tConsumer Friendly Descriptor"));
        WriteLines(folder, "ClinicianDescriptor.txt", list.Where((_, i) => i % 5 == 0).SelectMany((c, i) => new[] { $"{2000000 + i}\t{c}\t{3000000 + (2 * i)}\tMade-up clinician wording A for {c}", $"{2000000 + i}\t{c}\t{3000001 + (2 * i)}\tMade-up clinician wording B for {c}" })
            .Prepend("Concept Id\tCPT Code\tClinician Descriptor Id\tClinician Descriptor"));
        WriteLines(folder, "History.txt", deletedCodes.Select((c, i) => $"{4000000 + i}\t{c}\t20250101\tDELETED\tMade-up retired procedure {c}\t{list[i % list.Count]}")
            .Concat(list.Take(5).Select((c, i) => $"{5000000 + i}\t{c}\t20200101\tADDED\t{longText[c]}\t"))
            .Prepend("Concept Id\tCPT Code\tDate\tChange Type\tCurrent Descriptor\tReplaced By"));
        WriteLines(folder, "Telemedicine.txt", tele);
        return new Result(folder, list, modifiers, deletedCodes, tele);
    }

    private static string Describe(Random random, string code) =>
        $"{Actions[random.Next(Actions.Length)]} {Sites[random.Next(Sites.Length)]}, {Details[random.Next(Details.Length)]} (made-up {code})";

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max].TrimEnd();

    private static void WriteLines(string folder, string name, IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append("\r\n");
        }

        File.WriteAllText(Path.Combine(folder, name), text.ToString(), Encoding.ASCII);
    }
}
