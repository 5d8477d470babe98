using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TerminologyServer.Storage.Tests;

/// <summary>
/// An empty, migrated database per test class: a SQLite file in a temporary folder, or a PostgreSQL database
/// created for it (when <c>TERMINOLOGY_TEST_POSTGRES</c> names a server; required under <c>CI=true</c>).
/// Each test opens its own contexts, as a request or an import does.
/// </summary>
public abstract class TestStorage : IAsyncLifetime
{
    public const string PostgresVariable = "TERMINOLOGY_TEST_POSTGRES";

    private DbContextOptions<TerminologyDbContext>? _options;

    /// <summary>Why the database is missing (PostgreSQL not configured outside CI), or null.</summary>
    public string? Unavailable { get; protected set; }

    public TerminologyDbContext NewContext() => new(_options ?? throw new InvalidOperationException("The database is not ready."));

    public void SkipIfUnavailable() => Skip.If(Unavailable is not null, Unavailable);

    public async Task InitializeAsync()
    {
        var options = await CreateAsync();
        if (options is null)
        {
            return;
        }

        var builder = new DbContextOptionsBuilder<TerminologyDbContext>();
        StorageSetup.Configure(builder, options, AppContext.BaseDirectory);
        _options = builder.Options;
        await using var db = NewContext();
        await StorageSetup.MigrateAsync(db);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The storage options of a fresh database, or null with <see cref="Unavailable"/> set.</summary>
    protected abstract Task<StorageOptions?> CreateAsync();
}

public sealed class SqliteStorage : TestStorage
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "terminology-storage-tests", Guid.NewGuid().ToString("N"));

    protected override Task<StorageOptions?> CreateAsync() =>
        Task.FromResult<StorageOptions?>(new StorageOptions { Provider = StorageSetup.Sqlite, DataFolder = _folder });

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temporary folder behind.
        }

        return Task.CompletedTask;
    }
}

public sealed class PostgresStorage : TestStorage
{
    private string? _admin;
    private readonly string _database = "ts_storage_" + Guid.NewGuid().ToString("N");

    protected override async Task<StorageOptions?> CreateAsync()
    {
        _admin = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;
        if (_admin is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true but {PostgresVariable} is not set: PostgreSQL tests must run in CI.");
            }

            Unavailable = $"PostgreSQL not configured: set {PostgresVariable} to an Npgsql connection string.";
            return null;
        }

        await ExecuteAsync($"CREATE DATABASE {_database}");
        var target = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ToString();
        return new StorageOptions { Provider = StorageSetup.PostgreSql, ConnectionString = target };
    }

    public override async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
