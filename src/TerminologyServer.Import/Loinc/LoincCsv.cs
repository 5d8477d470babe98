using System.Text;

namespace TerminologyServer.Import.Loinc;

/// <summary>
/// Reads the comma-separated files of a LOINC release (RFC 4180: fields in double quotes, <c>""</c> for a quote,
/// line breaks allowed inside quotes). The first line names the columns; <paramref name="required"/> columns must
/// be there, so a file of another kind is refused on its first line rather than read as empty values.
/// </summary>
internal static class LoincCsv
{
    public static IEnumerable<FieldRow> Read(string path, IReadOnlyCollection<string> required, ImportPosition? position = null) =>
        DelimitedFile.WithHeader(Records(path, position), path, required, "LOINC");

    private static IEnumerable<(long Line, string[] Fields)> Records(string path, ImportPosition? position)
    {
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
            yield return (start, fields);
        }

        if (record.Length > 0)
        {
            throw new ImportException("a quoted field is not closed before the end of the file.", path, start);
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
