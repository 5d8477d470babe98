using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TerminologyServer.Storage;

/// <summary>The one place that turns <see cref="StorageOptions"/> into a configured EF Core provider.</summary>
public static class StorageSetup
{
    public const string Sqlite = "Sqlite", PostgreSql = "PostgreSql", SqlServer = "SqlServer";

    public static readonly IReadOnlyList<string> Providers = [Sqlite, PostgreSql, SqlServer];

    /// <summary>Normalises the provider name; an unknown provider stops start-up with a message listing the valid ones.</summary>
    public static string ProviderName(StorageOptions options) =>
        Providers.FirstOrDefault(p => p.Equals(options.Provider?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException(
            $"Unknown Storage:Provider '{options.Provider}'. Use one of: {string.Join(", ", Providers)}.");

    public static string SqliteConnectionString(StorageOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var folder = Path.GetFullPath(Path.Combine(contentRoot, options.DataFolder));
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "terminology.db"),
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    public static void Configure(DbContextOptionsBuilder builder, StorageOptions options, string contentRoot)
    {
        switch (ProviderName(options))
        {
            case Sqlite:
                builder.UseSqlite(SqliteConnectionString(options, contentRoot), o => o.MigrationsAssembly("TerminologyServer.Storage.Sqlite"));
                break;
            case PostgreSql:
                builder.UseNpgsql(Required(options), o => o.MigrationsAssembly("TerminologyServer.Storage.PostgreSql"));
                break;
            case SqlServer:
                builder.UseSqlServer(Required(options), o => o.MigrationsAssembly("TerminologyServer.Storage.SqlServer").EnableRetryOnFailure());
                break;
        }
    }

    /// <summary>Creates or upgrades the schema. SQLite is switched to WAL so several processes can share the file.</summary>
    public static async Task MigrateAsync(TerminologyDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    private static string Required(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException($"Storage:ConnectionString is required for the {options.Provider} provider.")
            : options.ConnectionString;
}
