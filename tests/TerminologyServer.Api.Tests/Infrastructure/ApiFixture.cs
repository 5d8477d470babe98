using System.Net.Http.Headers;

namespace TerminologyServer.Api.Tests.Infrastructure;

/// <summary>One server on its own fresh database, shared by the tests of one class.</summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private ApiFactory? _factory;

    public abstract string Provider { get; }

    /// <summary>Why this fixture cannot run here (no database configured), or null.</summary>
    public string? Unavailable { get; protected set; }

    public ApiFactory Factory => _factory ?? throw new InvalidOperationException(Unavailable ?? "Fixture not started.");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client that sends the test API key, for writes.</summary>
    public HttpClient Writer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = await CreateSettingsAsync();
        if (settings is null)
        {
            return;
        }

        _factory = new ApiFactory(settings);
        Client = _factory.CreateClient();
        Writer = _factory.CreateClient();
        Writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestDatabases.TestApiKey);
    }

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Skips the calling test when the database is not available (and not required).</summary>
    public void SkipIfUnavailable() => Skip.If(Unavailable is not null, Unavailable);

    protected abstract Task<Dictionary<string, string?>?> CreateSettingsAsync();
}

public sealed class SqliteFixture : ApiFixture
{
    public override string Provider => "Sqlite";

    protected override async Task<Dictionary<string, string?>?> CreateSettingsAsync() => await TestDatabases.NewSqliteAsync();
}

public sealed class PostgresFixture : ApiFixture
{
    private string? _database;

    public override string Provider => "PostgreSql";

    protected override async Task<Dictionary<string, string?>?> CreateSettingsAsync()
    {
        if (TestDatabases.PostgresConnectionString is null)
        {
            if (TestDatabases.RequirePostgres)
            {
                throw new InvalidOperationException($"CI=true but {TestDatabases.PostgresVariable} is not set: PostgreSQL tests must run in CI.");
            }

            Unavailable = $"PostgreSQL not configured: set {TestDatabases.PostgresVariable} to an Npgsql connection string.";
            return null;
        }

        var settings = await TestDatabases.NewPostgresAsync();
        _database = new Npgsql.NpgsqlConnectionStringBuilder(settings["Storage:ConnectionString"]).Database;
        return settings;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await TestDatabases.DropPostgresAsync(_database);
        }
    }
}
