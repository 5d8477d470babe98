namespace TerminologyServer.Import;

/// <summary>
/// Recognises the files of an AMA CPT licensee release by name (case-insensitive) and parses their lines.
/// Descriptor files hold one code and its descriptor per line, separated by a tab or by spaces; a first line that
/// does not start with a code is taken as a header. Tab-separated files with a header row (consumer, clinician,
/// history) are read by column name.
/// </summary>
internal static class CptFiles
{
    public enum Kind { Long, Medium, Short, Consumer, Clinician, Modifier, History, Telemedicine, Orthopox }

    public static Kind Classify(string path)
    {
        var name = Path.GetFileName(path).ToUpperInvariant();
        return name switch
        {
            _ when name.Contains("HISTORY", StringComparison.Ordinal) || name.Contains("DELET", StringComparison.Ordinal) => Kind.History,
            _ when name.Contains("TELEMED", StringComparison.Ordinal) => Kind.Telemedicine,
            _ when name.Contains("ORTHOPOX", StringComparison.Ordinal) || name.Contains("MPOX", StringComparison.Ordinal) => Kind.Orthopox,
            _ when name.Contains("CONSUMER", StringComparison.Ordinal) => Kind.Consumer,
            _ when name.Contains("CLINICIAN", StringComparison.Ordinal) => Kind.Clinician,
            _ when name.StartsWith("MOD", StringComparison.Ordinal) => Kind.Modifier,
            _ when name.StartsWith("LONG", StringComparison.Ordinal) => Kind.Long,
            _ when name.StartsWith("MED", StringComparison.Ordinal) => Kind.Medium,
            _ when name.StartsWith("SHORT", StringComparison.Ordinal) => Kind.Short,
            _ => throw new ImportException(
                "not a CPT file this importer knows (LONGULT/MEDU/SHORTU descriptors, MODUL modifiers, ConsumerDescriptor, ClinicianDescriptor, a history/deleted-codes file, telemedicine or orthopox code lists).",
                path),
        };
    }

    /// <summary>A CPT code (Category I 5 digits, II <c>####F</c>, III <c>####T</c>, PLA <c>####U</c>, also <c>####M</c>).</summary>
    public static bool IsCode(string s) =>
        s.Length == 5 && s.AsSpan(0, 4).IndexOfAnyExceptInRange('0', '9') < 0 && (char.IsAsciiDigit(s[4]) || s[4] is 'F' or 'T' or 'U' or 'M');

    /// <summary>A modifier: two characters, digits or capital letters.</summary>
    public static bool IsModifier(string s) => s.Length == 2 && s.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    /// <summary>Code and descriptor per line (tab, else the first run of spaces).</summary>
    public static IEnumerable<(long Line, string Code, string Text)> ReadPairs(string path, Func<string, bool> isCode, ImportPosition position)
    {
        foreach (var (number, raw) in SourceFiles.ReadLines(path, position))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var cut = line.IndexOf('\t');
            if (cut < 0)
            {
                cut = line.IndexOf(' ');
            }

            var code = cut < 0 ? line : line[..cut];
            var text = cut < 0 ? "" : line[(cut + 1)..].Trim();
            if (!isCode(code))
            {
                if (number == 1)
                {
                    continue;
                }

                throw new ImportException($"'{code}' is not a code of this file (expected a code, a tab or spaces, then its descriptor).", path, number);
            }

            if (text.Length == 0)
            {
                throw new ImportException($"code {code} has no descriptor.", path, number);
            }

            yield return (number, code, text);
        }
    }

    /// <summary>Rows of a tab-separated file with a header row, as (line, column name → value).</summary>
    public static IEnumerable<(long Line, Func<string[], string?> Get)> ReadTable(string path, ImportPosition position)
    {
        string[]? header = null;
        foreach (var (number, raw) in SourceFiles.ReadLines(path, position))
        {
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            var cells = raw.Split('\t').Select(c => c.Trim()).ToArray();
            if (header is null)
            {
                header = cells;
                continue;
            }

            var h = header;
            yield return (number, names =>
            {
                foreach (var name in names)
                {
                    var i = Array.FindIndex(h, x => x.Equals(name, StringComparison.OrdinalIgnoreCase));
                    if (i >= 0)
                    {
                        return i < cells.Length ? cells[i] : null;
                    }
                }

                return null;
            });
        }
    }
}
