using System.Globalization;
using System.IO.Compression;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Imports;
using TerminologyServer.Api.Security;
using TerminologyServer.Import;

namespace TerminologyServer.Api.Endpoints;

/// <summary>
/// <c>POST /fhir/CodeSystem/$import?kind=icd10cm|icd10pcs|hcpcs|cpt|loinc|rxnorm|ndc|fhir&amp;version=…</c> with the raw file as
/// body (CPT, LOINC, RxNorm, NDC: a zip of the release files). With <c>Prefer: respond-async</c>: 202 and a <c>Content-Location</c>
/// status URL (202 + <c>X-Progress</c> while running, then 200 with the summary or the error's status and
/// OperationOutcome); without it the request waits for the result. Bad input: 4xx, nothing stored.
/// </summary>
public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder fhir)
    {
        fhir.MapPost("/CodeSystem/$import", ImportAsync).RequireAuthorization(WriteSecurity.ImportPolicy);
        fhir.MapGet("/$import-status/{id}", Status).RequireAuthorization(WriteSecurity.ImportPolicy);
        return fhir;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, ImportJobs jobs, IOptions<ImportOptions> options, CancellationToken ct)
    {
        var query = context.Request.Query;
        var kind = ImportKinds.Find(query["kind"].ToString())
            ?? throw FhirHttpException.BadRequest($"Parameter 'kind' must be one of {string.Join(", ", ImportKinds.Names)}.");
        var version = kind.VersionExample is not null && query["version"].ToString() is { Length: > 0 } v ? v : null;
        var folder = Path.Combine(options.Value.ResolveTempFolder(), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        IImport import;
        try
        {
            var given = kind.Options.Where(o => query[o.Name].ToString().Length > 0).ToDictionary(o => o.Name, o => query[o.Name].ToString(), StringComparer.Ordinal);
            import = await ImportRunner.OpenAsync(kind, async () =>
            {
                if (version is null && kind.VersionExample is not null && !kind.VersionInInput)
                {
                    // No body needed to refuse: an upload carries no file name to tell the version from, and Open says so.
                    return new ImportRequest([], null) { FilesHaveNames = false };
                }

                var file = await SaveBodyAsync(context, Path.Combine(folder, "upload"), options.Value.MaxBodyBytes, ct);
                return Inputs(kind, file, folder, given, version, options.Value.MaxBodyBytes);
            });
        }
        catch
        {
            Delete(folder);
            throw;
        }

        var job = jobs.Start(kind.Name, async (services, job, ct) =>
        {
            var (result, elapsed) = await ImportRunner.RunAsync(import, services, job.Progress, ct);
            return result.ToParameters(elapsed);
        }, () => Delete(folder));
        if (context.Request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            var request = context.Request;
            context.Response.Headers.ContentLocation = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir/$import-status/{job.Id}";
            return FhirResults.Status(Outcomes.Information($"Import of {kind.Name} accepted; poll the Content-Location URL for its progress and result."), StatusCodes.Status202Accepted);
        }

        await job.Completion.WaitAsync(ct);
        return Finished(job);
    }

    /// <summary>
    /// The kind's inputs from the uploaded body: the file itself, or (CPT, or any code system kind sent as a zip) the
    /// unpacked files, where an option that names a file (ICD-10-CM <c>tabular</c>) names one in the zip.
    /// </summary>
    private static ImportRequest Inputs(ImportKind kind, string upload, string folder, Dictionary<string, string> given, string? version, long max)
    {
        var zipped = kind.MaxFiles > 1 || kind.InputIsFolder || (kind is CodeSystemImportKind && IsZip(upload));
        if (!zipped)
        {
            if (kind.Options.FirstOrDefault(o => o.IsFile && given.ContainsKey(o.Name)) is { } o)
            {
                throw new ImportException($"'{o.Name}' names a file in the upload: send a zip of the input and that file.");
            }

            return new ImportRequest([upload], version, given) { FilesHaveNames = false };
        }

        var unpacked = Unzip(upload, Path.Combine(folder, "files"), max, kind);
        var options = given.ToDictionary(g => g.Key, g => kind.Options.Any(o => o.Name == g.Key && o.IsFile) ? Path.Combine(unpacked, Path.GetFileName(g.Value)) : g.Value);
        if (kind.MaxFiles > 1 || kind.InputIsFolder)
        {
            return new ImportRequest([unpacked], version, options) { FilesHaveNames = false };
        }

        var inputs = Directory.EnumerateFiles(unpacked).Where(f => !options.ContainsValue(f)).Order(StringComparer.Ordinal).ToList();
        return inputs.Count == 1
            ? new ImportRequest(inputs, version, options) { FilesHaveNames = false }
            : throw new ImportException(string.Create(CultureInfo.InvariantCulture, $"the zip holds {inputs.Count} input files; kind={kind.Name} takes one (and the files its options name)."));
    }

    private static bool IsZip(string file)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\x03\x04"u8);
    }

    private static IResult Status(string id, HttpContext context, ImportJobs jobs)
    {
        var job = jobs.Find(id) ?? throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"No import {id} (finished imports are kept for a limited time).");
        if (job.IsRunning)
        {
            var progress = job.ProgressText();
            context.Response.Headers["X-Progress"] = progress;
            context.Response.Headers.RetryAfter = "1";
            return FhirResults.Status(Outcomes.Information($"Import of {job.Kind} running: {progress}."), StatusCodes.Status202Accepted);
        }

        return Finished(job);
    }

    private static IResult Finished(ImportJob job) =>
        job.Result is { } result ? FhirResults.Ok(result) : FhirResults.Status(job.Error!, job.ErrorStatus);

    private static async Task<string> SaveBodyAsync(HttpContext context, string path, long max, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        if (context.Request.ContentLength > max)
        {
            throw TooLarge(max);
        }

        long total = 0;
        await using (var file = File.Create(path))
        {
            var buffer = new byte[1 << 16];
            try
            {
                int n;
                while ((n = await context.Request.Body.ReadAsync(buffer, ct)) > 0)
                {
                    total += n;
                    if (total > max)
                    {
                        throw TooLarge(max);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw TooLarge(max);
            }
        }

        return total == 0 ? throw new ImportException("the request body is empty: send the file to import as the body.") : path;
    }

    // CPT arrives as a zip of the licensee files; entries are flattened to their file names.
    private static string Unzip(string zip, string folder, long max, ImportKind kind)
    {
        Directory.CreateDirectory(folder);
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            long total = 0;
            foreach (var entry in archive.Entries.Where(e => e.Name.Length > 0 && !e.FullName.Contains("__MACOSX", StringComparison.Ordinal)))
            {
                total += entry.Length;
                if (total > max)
                {
                    throw new ImportException(string.Create(CultureInfo.InvariantCulture, $"the zip unpacks to more than {max:N0} bytes."));
                }

                entry.ExtractToFile(Path.Combine(folder, entry.Name), overwrite: true);
            }
        }
        catch (InvalidDataException)
        {
            throw new ImportException(kind.Name == "cpt"
                ? "for kind=cpt the body must be a zip of the AMA licensee files (LONGULT.txt, MEDU.txt, …)."
                : $"for kind={kind.Name} the body is not a readable zip.");
        }

        return folder;
    }

    private static FhirHttpException TooLarge(long max) =>
        new(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong,
            string.Create(CultureInfo.InvariantCulture, $"The file is larger than the import limit of {max:N0} bytes (Import:MaxBodyBytes)."));

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
