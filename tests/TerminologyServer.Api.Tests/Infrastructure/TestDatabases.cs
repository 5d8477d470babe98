using Microsoft.Data.Sqlite;
using Npgsql;

namespace TerminologyServer.Api.Tests.Infrastructure;

/// <summary>
/// Prepared databases, built once per test run (migrated, shipped content loaded) and copied per fixture:
/// a SQLite file copy, or <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "TERMINOLOGY_TEST_POSTGRES";
    public const string TestApiKey = "test-api-key-0123456789";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "terminology-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _sqliteTemplate;
    private static string? _postgresTemplate;

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    /// <summary>Under CI a missing PostgreSQL is a failure, elsewhere a reported skip.</summary>
    public static bool RequirePostgres => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Settings for a fresh PostgreSQL database copied from the prepared template and its name (to drop it after), or
    /// why there is none: PostgreSQL is not configured (a failure under CI, see <see cref="RequirePostgres"/>).
    /// </summary>
    public static async Task<(Dictionary<string, string?>? Settings, string? Database, string? Unavailable)> TryNewPostgresAsync()
    {
        if (PostgresConnectionString is null)
        {
            if (RequirePostgres)
            {
                throw new InvalidOperationException($"CI=true but {PostgresVariable} is not set: PostgreSQL tests must run in CI.");
            }

            return (null, null, $"PostgreSQL not configured: set {PostgresVariable} to an Npgsql connection string.");
        }

        var settings = await NewPostgresAsync();
        return (settings, new NpgsqlConnectionStringBuilder(settings["Storage:ConnectionString"]).Database, null);
    }

    /// <summary>Settings for a fresh SQLite database copied from the prepared template.</summary>
    public static async Task<Dictionary<string, string?>> NewSqliteAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_sqliteTemplate is null)
            {
                var folder = Path.Combine(Root, "sqlite-template");
                Directory.CreateDirectory(folder);
                var settings = SqliteSettings(folder);
                await using (var factory = new ApiFactory(settings))
                {
                    factory.CreateClient().Dispose();
                }

                SqliteConnection.ClearAllPools();
                var file = Path.Combine(folder, "terminology.db");
                await using (var connection = new SqliteConnection($"Data Source={file}"))
                {
                    await connection.OpenAsync();
                    await using var cmd = connection.CreateCommand();
                    cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await cmd.ExecuteNonQueryAsync();
                }

                SqliteConnection.ClearAllPools();
                _sqliteTemplate = file;
            }
        }
        finally
        {
            Gate.Release();
        }

        var target = Path.Combine(Root, "sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        File.Copy(_sqliteTemplate, Path.Combine(target, "terminology.db"));
        return SqliteSettings(target);
    }

    public static Dictionary<string, string?> SqliteSettings(string folder) => Common(new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataFolder"] = folder,
    });

    /// <summary>Settings for a fresh PostgreSQL database created from the prepared template database.</summary>
    public static async Task<Dictionary<string, string?>> NewPostgresAsync()
    {
        var admin = PostgresConnectionString ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        await Gate.WaitAsync();
        try
        {
            if (_postgresTemplate is null)
            {
                var name = $"tt_tpl_{Environment.ProcessId}";
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                await ExecuteAsync(admin, $"CREATE DATABASE {name}");
                await using (var factory = new ApiFactory(PostgresSettings(admin, name)))
                {
                    factory.CreateClient().Dispose();
                }

                NpgsqlConnection.ClearAllPools();
                _postgresTemplate = name;
            }
        }
        finally
        {
            Gate.Release();
        }

        var db = "tt_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE {db} TEMPLATE {_postgresTemplate}");
        return PostgresSettings(admin, db);
    }

    public static async Task DropPostgresAsync(string database)
    {
        if (PostgresConnectionString is { } admin)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    public static Dictionary<string, string?> PostgresSettings(string admin, string database) => Common(new()
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString(),
    });

    private static Dictionary<string, string?> Common(Dictionary<string, string?> settings)
    {
        settings["Auth:ApiKeys:0"] = TestApiKey;
        settings["Auth:Jwt:SigningKey"] = Security.SecurityTestHost.SigningKey;
        settings["Auth:Jwt:Issuer"] = Security.SecurityTestHost.Issuer;
        settings["Auth:Jwt:Audience"] = Security.SecurityTestHost.Audience;
        settings["Storage:PollSeconds"] = "0.2";
        // 190,000 ICD/HCPCS codes per fixture would cost minutes; the tests that need them import them once per run.
        settings["Content:LoadCodeSystems"] = "false";
        settings["Limits:MaxBodyBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
