using System.Data.Common;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Storage;

/// <summary>
/// A server ("process A") whose DbContext runs <see cref="Race"/>, plus contexts of a second writer ("process B",
/// e.g. a CLI import) on the same database, so a test can interleave the two by hand: no threads, no sleeps.
/// </summary>
public abstract class WriteRaceFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _server;
    private Dictionary<string, string?>? _settings;

    public Race Race { get; } = new();

    public string? Unavailable { get; protected set; }

    public HttpClient Writer { get; private set; } = null!;

    public IServiceProvider Services => (_server ?? throw new InvalidOperationException(Unavailable)).Services;

    public async Task InitializeAsync()
    {
        _settings = await CreateSettingsAsync();
        if (_settings is null)
        {
            return;
        }

        _server = new ApiFactory(_settings).WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureDbContext<TerminologyDbContext>(o => o.AddInterceptors(Race))));
        Writer = _server.CreateClient();
        Writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestDatabases.TestApiKey);
    }

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void SkipIfUnavailable() => Skip.If(Unavailable is not null, Unavailable);

    /// <summary>A context of another process on the same database (not the server's, no interceptor).</summary>
    public TerminologyDbContext OtherContext()
    {
        var settings = _settings ?? throw new InvalidOperationException(Unavailable);
        var options = new StorageOptions
        {
            Provider = settings["Storage:Provider"]!,
            ConnectionString = settings.GetValueOrDefault("Storage:ConnectionString"),
            DataFolder = settings.GetValueOrDefault("Storage:DataFolder") ?? "data",
        };
        var builder = new DbContextOptionsBuilder<TerminologyDbContext>();
        StorageSetup.Configure(builder, options, Path.GetTempPath());
        return new TerminologyDbContext(builder.Options);
    }

    /// <summary>Process B stores <paramref name="resource"/> through its own <see cref="ResourceStore"/>.</summary>
    public async Task<WriteOutcome> OtherSavesAsync(Hl7.Fhir.Model.Resource resource)
    {
        await using var db = OtherContext();
        return await new ResourceStore(db, TimeProvider.System).SaveAsync(resource);
    }

    protected abstract Task<Dictionary<string, string?>?> CreateSettingsAsync();
}

public sealed class SqliteWriteRaceFixture : WriteRaceFixture
{
    protected override async Task<Dictionary<string, string?>?> CreateSettingsAsync() => await TestDatabases.NewSqliteAsync();
}

public sealed class PostgresWriteRaceFixture : WriteRaceFixture
{
    private string? _database;

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

/// <summary>
/// When armed, runs another writer's whole write just before the server's next command containing the trigger text
/// (e.g. <c>UPDATE "Resources"</c>): the server has read version N, the other writer stores N+1, then the server writes.
/// </summary>
public sealed class Race : DbCommandInterceptor
{
    private string? _trigger;
    private Func<Task>? _other;

    public int Fired { get; private set; }

    public void Arm(string trigger, Func<Task> other)
    {
        Fired = 0;
        _other = other;
        _trigger = trigger;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(command);
        return result;
    }

    private async Task FireAsync(DbCommand command)
    {
        if (_trigger is { } trigger && command.CommandText.Contains(trigger, StringComparison.Ordinal) && Interlocked.Exchange(ref _other, null) is { } other)
        {
            _trigger = null;
            await other();
            Fired++;
        }
    }
}
