using System.Text;

namespace TerminologyServer.Import.Loinc;

/// <summary>One record of a LOINC CSV file: its fields by column name, the file and the line it starts on.</summary>
internal sealed class CsvRow(IReadOnlyDictionary<string, int> columns, string[] fields, string file, long line)
{
    public string File => file;

    public long Line => line;

    /// <summary>The field of <paramref name="column"/>, trimmed; "" when the file has no such column.</summary>
    public string this[string column] => columns.TryGetValue(column, out var i) && i < fields.Length ? fields[i].Trim() : "";

    public ImportException Error(string message) => new(message, file, line);
}

/// <summary>
/// Reads the comma-separated files of a LOINC release (RFC 4180: fields in double quotes, <c>""</c> for a quote,
/// line breaks allowed inside quotes). The first line names the columns; <paramref name="required"/> columns must
/// be there, so a file of another kind is refused on its first line rather than read as empty values.
/// </summary>
internal static class LoincCsv
{
    public static IEnumerable<CsvRow> Read(string path, IReadOnlyCollection<string> required, ImportPosition? position = null)
    {
        Dictionary<string, int>? columns = null;
        var width = 0;
        var record = new StringBuilder();
        long start = 0;
        foreach (var (number, text) in SourceFiles.ReadLines(path, position))
        {
            if (record.Length == 0)
            {
                start = number;
                if (text.Length == 0)
                {
                    continue;
                }
            }
            else
            {
                record.Append('\n');
            }

            record.Append(text);
            if (!Balanced(record))
            {
                continue;
            }

            var fields = Split(record.ToString(), path, start);
            record.Clear();
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                width = fields.Length;
                for (var i = 0; i < fields.Length; i++)
                {
                    columns.TryAdd(fields[i].Trim().TrimStart('\uFEFF'), i);
                }

                var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
                if (missing.Count > 0)
                {
                    throw new ImportException($"not the expected LOINC file: the header lacks the column(s) {string.Join(", ", missing)}.", path, start);
                }

                continue;
            }

            if (fields.Length != width)
            {
                throw new ImportException($"{fields.Length} fields where the header has {width} columns.", path, start);
            }

            yield return new CsvRow(columns, fields, path, start);
        }

        if (record.Length > 0)
        {
            throw new ImportException("a quoted field is not closed before the end of the file.", path, start);
        }

        if (columns is null)
        {
            throw new ImportException("the file is empty (no header line).", path);
        }
    }

    private static bool Balanced(StringBuilder record)
    {
        var quotes = 0;
        foreach (var chunk in record.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (c == '"')
                {
                    quotes++;
                }
            }
        }

        return quotes % 2 == 0;
    }

    private static string[] Split(string record, string path, long line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < record.Length && record[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= record.Length)
                    {
                        throw new ImportException("a quoted field is not closed.", path, line);
                    }

                    if (record[i] == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(record[i++]);
                }

                if (i < record.Length && record[i] != ',')
                {
                    throw new ImportException($"unexpected character '{record[i]}' after a quoted field (column {fields.Count + 1}).", path, line);
                }
            }
            else
            {
                while (i < record.Length && record[i] != ',')
                {
                    field.Append(record[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= record.Length)
            {
                return [.. fields];
            }

            i++;
        }
    }
}
