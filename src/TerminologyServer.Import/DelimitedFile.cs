namespace TerminologyServer.Import;

/// <summary>One line of a delimited file: its fields by column name, the file and the line number.</summary>
public sealed class FieldRow(IReadOnlyDictionary<string, int> columns, string[] fields, string file, long line)
{
    public string File => file;

    public long Line => line;

    /// <summary>The field of <paramref name="column"/>, trimmed; "" when the file has no such column.</summary>
    public string this[string column] => columns.TryGetValue(column, out var i) && i < fields.Length ? fields[i].Trim() : "";

    public ImportException Error(string message) => new(message, file, line);
}

/// <summary>
/// Files of one record per line with a single-character separator and no quoting: the FDA's tab-separated NDC
/// files (a header line names the columns) and NLM's pipe-delimited RRF files (no header; the columns are
/// documented, and every line ends with a pipe).
/// </summary>
public static class DelimitedFile
{
    /// <summary>A file whose first line names the columns; <paramref name="required"/> must be among them.</summary>
    public static IEnumerable<FieldRow> ReadWithHeader(string path, char separator, IReadOnlyCollection<string> required, ImportPosition? position = null) =>
        WithHeader(Records(path, separator, position), path, required);

    /// <summary>
    /// Rows of <paramref name="records"/> (line number, fields) whose first names the columns: <paramref name="required"/>
    /// must be among them (<paramref name="kind"/> names the file kind in that error), every later record has as many fields.
    /// </summary>
    public static IEnumerable<FieldRow> WithHeader(IEnumerable<(long Line, string[] Fields)> records, string path, IReadOnlyCollection<string> required, string? kind = null)
    {
        Dictionary<string, int>? columns = null;
        var width = 0;
        foreach (var (number, fields) in records)
        {
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
                    throw new ImportException($"{(kind is null ? "" : $"not the expected {kind} file: ")}the header lacks the column(s) {string.Join(", ", missing)}.", path, number);
                }

                continue;
            }

            if (fields.Length != width)
            {
                throw new ImportException($"{fields.Length} fields where the header has {width} columns.", path, number);
            }

            yield return new FieldRow(columns, fields, path, number);
        }

        if (columns is null)
        {
            throw new ImportException("the file is empty (no header line).", path);
        }
    }

    private static IEnumerable<(long Line, string[] Fields)> Records(string path, char separator, ImportPosition? position)
    {
        foreach (var (number, text) in SourceFiles.ReadLines(path, position))
        {
            if (text.Length > 0)
            {
                yield return (number, text.Split(separator));
            }
        }
    }

    /// <summary>
    /// An RRF file: <paramref name="columns"/> fields per line, each followed by <paramref name="separator"/>
    /// (so a line has one more, empty, piece after the last separator).
    /// </summary>
    public static IEnumerable<FieldRow> ReadFixed(string path, char separator, IReadOnlyList<string> columns, ImportPosition? position = null)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            map[columns[i]] = i;
        }

        foreach (var (number, text) in SourceFiles.ReadLines(path, position))
        {
            if (text.Length == 0)
            {
                continue;
            }

            var fields = text.Split(separator);
            if (fields.Length != columns.Count + 1 || fields[^1].Length != 0)
            {
                throw new ImportException(
                    $"{fields.Length - 1} fields where {Path.GetFileName(path)} has {columns.Count} ({string.Join("|", columns)}|), each ended by '{separator}'.", path, number);
            }

            yield return new FieldRow(map, fields, path, number);
        }
    }
}
