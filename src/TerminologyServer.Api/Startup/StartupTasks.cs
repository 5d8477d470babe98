using Microsoft.Extensions.Options;
using TerminologyServer.Import;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Startup;

/// <summary>Runs before the server listens: migrate the database, load shipped content, build the in-memory indexes.</summary>
public sealed class StartupTasks(IServiceScopeFactory scopes, IndexSynchronizer sync, IOptions<ContentOptions> content) : IHostedService
{
    public async System.Threading.Tasks.Task StartAsync(CancellationToken cancellationToken)
    {
        using (var scope = scopes.CreateScope())
        {
            await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<TerminologyDbContext>(), cancellationToken);
            if (content.Value.LoadFhirCore)
            {
                await scope.ServiceProvider.GetRequiredService<FhirCoreContentLoader>().LoadAsync(content.Value.ResolveSpecificationZip(), cancellationToken);
            }

            if (content.Value.LoadShipped)
            {
                await scope.ServiceProvider.GetRequiredService<ShippedContentLoader>().LoadFolderAsync(content.Value.ResolveFolder(), content.Value.LoadCodeSystems, cancellationToken);
            }
        }

        await sync.SyncAsync(cancellationToken);
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
