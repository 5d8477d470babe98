using System.Diagnostics;
using Hl7.Fhir.Model;
using TerminologyServer.Engine;
using TerminologyServer.Storage;

namespace TerminologyServer.Import;

/// <summary>
/// Opens and runs an import for either front end (command line, <c>$import</c>), and is the one place where its
/// failures become terminology errors that say nothing was imported: bad input is <c>invalid</c> (400, exit 1), a
/// lost write race with another process is <c>conflict</c> (409).
/// </summary>
public static class ImportRunner
{
    /// <summary>Checks that the inputs exist and opens them with <paramref name="kind"/>; bad input throws a <see cref="TerminologyException"/>.</summary>
    public static IImport Open(ImportKind kind, ImportRequest request)
    {
        try
        {
            if (kind.VersionExample is { } example && !kind.VersionInInput && request.Version is null && !request.FilesHaveNames)
            {
                throw new ImportException($"a version is required for kind={kind.Name} (e.g. version={example.Split('|')[0]}).");
            }

            foreach (var path in request.Files.Concat(kind.Options.Where(o => o.IsFile).Select(o => request.Option(o.Name)).OfType<string>()))
            {
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    throw new ImportException("no such file.", path);
                }
            }

            return kind.Open(request);
        }
        catch (ImportException e)
        {
            throw NothingImported(e);
        }
    }

    /// <summary>
    /// As <see cref="Open(ImportKind, ImportRequest)"/>, for inputs that must first be received (an HTTP body, a zip to
    /// unpack): a problem with them is bad input like any other.
    /// </summary>
    public static async Task<IImport> OpenAsync(ImportKind kind, Func<Task<ImportRequest>> request)
    {
        ImportRequest received;
        try
        {
            received = await request();
        }
        catch (ImportException e)
        {
            throw NothingImported(e);
        }

        return Open(kind, received);
    }

    /// <summary>Runs <paramref name="import"/> with the services of one scope; the elapsed time is in the result's description.</summary>
    public static async Task<(ImportResult Result, TimeSpan Elapsed)> RunAsync(IImport import, IServiceProvider services, ImportProgress progress, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        try
        {
            return (await import.RunAsync(services, progress, ct), started.Elapsed);
        }
        catch (ImportException e)
        {
            throw NothingImported(e);
        }
        catch (ResourceVersionConflictException e)
        {
            // Another process wrote the same code system meanwhile (a FHIR import already ran once more on fresh state).
            throw new TerminologyException(OperationOutcome.IssueType.Conflict, "IMPORT_CONFLICT", $"{e.Message} Nothing was imported.");
        }
    }

    private static TerminologyException NothingImported(ImportException e) =>
        new(OperationOutcome.IssueType.Invalid, e.MessageId, $"{e.Message} Nothing was imported.");
}
