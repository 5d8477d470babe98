namespace TerminologyServer.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default), <c>PostgreSql</c> or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Connection string; for SQLite it defaults to <c>{DataFolder}/terminology.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the SQLite file, relative to the content root unless absolute.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>How often (seconds) a server process looks for changes made by other processes on the same database.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>
    /// How many old versions of each resource are kept for vread and _history (null, the default: all; 0: none).
    /// Old versions are stored whole and gzip-compressed; a replaced CodeSystem keeps its concepts in that blob.
    /// </summary>
    public int? HistoryVersions { get; set; }
}
