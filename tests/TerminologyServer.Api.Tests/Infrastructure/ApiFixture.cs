using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TerminologyServer.Api.Tests.Infrastructure;

/// <summary>One server on its own fresh database, shared by the tests of one class.</summary>
public abstract class ApiFixture : IAsyncLifetime
{
    private ApiFactory? _factory;

    public abstract string Provider { get; }

    /// <summary>Serve on a real socket (Kestrel and its limits) instead of the in-memory test server.</summary>
    protected virtual bool OnSocket => false;

    /// <summary>Why this fixture cannot run here (no database configured), or null.</summary>
    public string? Unavailable { get; protected set; }

    public ApiFactory Factory => _factory ?? throw new InvalidOperationException(Unavailable ?? "Fixture not started.");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Where Kestrel listens when <see cref="OnSocket"/>; null for the in-memory test server.</summary>
    public Uri? SocketAddress { get; private set; }

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
        if (OnSocket)
        {
            _factory.UseKestrel(0);
            _factory.StartServer();
            var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            SocketAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }

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

public class SqliteFixture : ApiFixture
{
    public override string Provider => "Sqlite";

    protected override async Task<Dictionary<string, string?>?> CreateSettingsAsync() => await TestDatabases.NewSqliteAsync();
}

public class PostgresFixture : ApiFixture
{
    private string? _database;

    public override string Provider => "PostgreSql";

    protected override async Task<Dictionary<string, string?>?> CreateSettingsAsync()
    {
        (var settings, _database, var unavailable) = await TestDatabases.TryNewPostgresAsync();
        Unavailable = unavailable;
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

/// <summary>SQLite behind Kestrel on a loopback port: for what only a real server does (request line limits, raw targets).</summary>
public sealed class SqliteSocketFixture : SqliteFixture
{
    protected override bool OnSocket => true;
}

/// <summary>PostgreSQL behind Kestrel on a loopback port.</summary>
public sealed class PostgresSocketFixture : PostgresFixture
{
    protected override bool OnSocket => true;
}
