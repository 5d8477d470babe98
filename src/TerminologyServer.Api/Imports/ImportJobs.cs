using System.Collections.Concurrent;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using TerminologyServer.Api.Errors;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Imports;

/// <summary>
/// Runs HTTP imports in the background, one at a time (a database has one writer at a time anyway), and keeps
/// each job's progress and result for its status URL. After a successful import the in-memory indexes are
/// brought up to date before the job reports success, so the new version is served as soon as it says done.
/// </summary>
public sealed class ImportJobs(
    IServiceScopeFactory scopes, IndexSynchronizer sync, TimeProvider clock, IOptions<ImportOptions> options,
    IHostApplicationLifetime lifetime, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _one = new(1, 1);

    public ImportJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>Starts <paramref name="work"/> in its own service scope; <paramref name="cleanup"/> runs when it ends, whatever happens.</summary>
    public ImportJob Start(string kind, Func<IServiceProvider, ImportJob, CancellationToken, Task<Parameters>> work, Action cleanup)
    {
        Prune();
        var job = new ImportJob(Guid.NewGuid().ToString("N"), kind);
        _jobs[job.Id] = job;
        var stopping = lifetime.ApplicationStopping;
        _ = System.Threading.Tasks.Task.Run(async () =>
        {
            var entered = false;
            try
            {
                await _one.WaitAsync(stopping);
                entered = true;
                using var scope = scopes.CreateScope();
                var result = await work(scope.ServiceProvider, job, stopping);
                await sync.SyncAsync(stopping);
                job.Succeed(result, clock.GetUtcNow());
            }
            catch (OperationCanceledException)
            {
                job.Fail(StatusCodes.Status503ServiceUnavailable, Outcomes.Error(OperationOutcome.IssueType.Transient, "The server stopped during the import; nothing was imported."), clock.GetUtcNow());
            }
            catch (Exception e) when (Outcomes.ForFailure(e) is { } failure)
            {
                job.Fail(failure.Status, failure.Outcome, clock.GetUtcNow());
            }
            catch (Exception e)
            {
                logger.LogError(e, "Import {Id} ({Kind}) failed.", job.Id, kind);
                job.Fail(StatusCodes.Status500InternalServerError,
                    Outcomes.Error(OperationOutcome.IssueType.Exception, $"The import failed on the server; nothing was imported (import {job.Id}, see the server log)."), clock.GetUtcNow());
            }
            finally
            {
                if (entered)
                {
                    _one.Release();
                }

                cleanup();
            }
        });
        return job;
    }

    private void Prune()
    {
        var cutoff = clock.GetUtcNow().AddMinutes(-options.Value.KeepResultsMinutes);
        foreach (var (id, job) in _jobs)
        {
            if (job.Finished < cutoff)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }
}
