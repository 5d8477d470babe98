using Microsoft.Extensions.Options;
using TerminologyServer.Import;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Startup;

/// <summary>Runs before the server listens: migrate the database, load shipped content, build the in-memory indexes.</summary>
public sealed class StartupTasks(IServiceScopeFactory scopes, IndexSynchronizer sync, Engine.Search.CodeSearch search, IOptions<ContentOptions> content, ILogger<StartupTasks> logger) : IHostedService
{
    public async System.Threading.Tasks.Task StartAsync(CancellationToken cancellationToken)
    {
        // Each phase is timed in the log: start-up time is a goal of its own (docs/performance.md, issue 18).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan migrated, core, shipped;
        using (var scope = scopes.CreateScope())
        {
            await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<TerminologyDbContext>(), cancellationToken);
            migrated = clock.Elapsed;
            if (content.Value.LoadFhirCore)
            {
                await scope.ServiceProvider.GetRequiredService<FhirCoreContentLoader>().LoadAsync(content.Value.ResolveSpecificationZip(), cancellationToken);
            }

            core = clock.Elapsed;
            if (content.Value.LoadShipped)
            {
                await scope.ServiceProvider.GetRequiredService<ShippedContentLoader>().LoadFolderAsync(content.Value.ResolveFolder(), content.Value.LoadCodeSystems, cancellationToken);
            }

            shipped = clock.Elapsed;
        }

        await sync.SyncAsync(cancellationToken);
        var indexed = clock.Elapsed;
        // Ready means ready: the word indexes of the search are built before the server listens, not in the background
        // on the core that serves the first requests.
        search.Warm();
        // Start-up read every concept row as objects and parsed resources: garbage now, hundreds of MB of it.
        // One compacting collection returns it to the system before the first request instead of never.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation("Start-up: migrate {Migrate:F2} s, FHIR core content {Core:F2} s, shipped content {Shipped:F2} s, in-memory indexes {Indexes:F2} s, search word indexes and memory compaction {Words:F2} s.",
            migrated.TotalSeconds, (core - migrated).TotalSeconds, (shipped - core).TotalSeconds, (indexed - shipped).TotalSeconds, (clock.Elapsed - indexed).TotalSeconds);
    }

    public System.Threading.Tasks.Task StopAsync(CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
}

/// <summary>Picks up changes other server processes made to the shared database, every <c>Storage:PollSeconds</c>.</summary>
public sealed class ChangePoller(IndexSynchronizer sync, IOptions<StorageOptions> options, ILogger<ChangePoller> logger) : BackgroundService
{
    protected override async System.Threading.Tasks.Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sync.SyncAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Polling for changes failed; retrying in {Period}.", period);
            }
        }
    }
}
