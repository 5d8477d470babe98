namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>Reads the tab-separated data files shipped in the engine (see <c>scripts/generate-computed-codesystems.py</c>).</summary>
internal static class EmbeddedData
{
    /// <summary>The rows of <c>Data/<paramref name="name"/></c>, split on tabs, without the comment lines.</summary>
    public static IReadOnlyList<string[]> Rows(string name)
    {
        var resource = $"TerminologyServer.Engine.CodeSystems.Computed.Data.{name}";
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The engine is built without its data file {resource}.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }

    /// <summary>The first column mapped to the last one (code to name).</summary>
    public static Dictionary<string, string> Names(string name, StringComparer comparer)
    {
        var map = new Dictionary<string, string>(comparer);
        foreach (var row in Rows(name))
        {
            map.TryAdd(row[0], row[^1]);
        }

        return map;
    }
}
