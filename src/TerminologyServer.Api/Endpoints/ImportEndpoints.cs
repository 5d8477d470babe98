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
using TerminologyServer.Storage;
using TerminologyServer.Storage.Import;

namespace TerminologyServer.Api.Endpoints;

/// <summary>
/// <c>POST /fhir/CodeSystem/$import?kind=icd10cm|icd10pcs|hcpcs|cpt|loinc|rxnorm|ndc|fhir&amp;version=…</c> with the raw file as
/// body (CPT, LOINC, RxNorm, NDC: a zip of the release files). With <c>Prefer: respond-async</c>: 202 and a <c>Content-Location</c>
/// status URL (202 + <c>X-Progress</c> while running, then 200 with the summary or the error's status and
/// OperationOutcome); without it the request waits for the result. Bad input: 4xx, nothing stored.
/// </summary>
public static class ImportEndpoints
{
    private static readonly string[] Kinds = ["icd10cm", "icd10pcs", "hcpcs", "cpt", "loinc", "rxnorm", "ndc", "fhir"];

    // Releases that carry their own version (LOINC: the release number in its table; RxNorm: SVER of RXNSAB).
    private static readonly string[] VersionOptional = ["fhir", "loinc", "rxnorm"];

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder fhir)
    {
        fhir.MapPost("/CodeSystem/$import", ImportAsync).RequireAuthorization(WriteSecurity.ImportPolicy);
        fhir.MapGet("/$import-status/{id}", Status).RequireAuthorization(WriteSecurity.ImportPolicy);
        return fhir;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, ImportJobs jobs, IOptions<ImportOptions> options, CancellationToken ct)
    {
        var kind = context.Request.Query["kind"].ToString();
        if (!Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw FhirHttpException.BadRequest($"Parameter 'kind' must be one of {string.Join(", ", Kinds)}.");
        }

        var version = context.Request.Query["version"].ToString() is { Length: > 0 } v ? v : null;
        var folder = Path.Combine(options.Value.ResolveTempFolder(), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Func<IServiceProvider, ImportJob, CancellationToken, Task<Parameters>> work;
        try
        {
            if (version is null && !VersionOptional.Contains(kind, StringComparer.Ordinal))
            {
                throw new ImportException($"a version is required for kind={kind} (e.g. version={(kind switch { "hcpcs" => "2025-01", "ndc" => "20250711", _ => "2026" })}).");
            }

            var file = await SaveBodyAsync(context, Path.Combine(folder, "upload"), options.Value.MaxBodyBytes, ct);
            work = kind switch
            {
                "icd10cm" => CodeSystem(Icd10Cm.Open(file, version)),
                "icd10pcs" => CodeSystem(Icd10Pcs.Open(file, version)),
                "hcpcs" => CodeSystem(Hcpcs.Open(file, version)),
                "cpt" => CodeSystem(Cpt.Open([Unzip(file, Path.Combine(folder, "cpt"), options.Value.MaxBodyBytes, "the AMA licensee files (LONGULT.txt, MEDU.txt, …)")], version)),
                "rxnorm" => CodeSystem(TerminologyServer.Import.RxNorm.RxNorm.Open(Unzip(file, Path.Combine(folder, "rxnorm"), options.Value.MaxBodyBytes, "the RxNorm RRF files (RXNCONSO.RRF, RXNREL.RRF, …)"), version)),
                "ndc" => CodeSystem(TerminologyServer.Import.Ndc.Ndc.Open(Unzip(file, Path.Combine(folder, "ndc"), options.Value.MaxBodyBytes, "the NDC directory files (product.txt, package.txt)"), version)),
                "loinc" => CodeSystem(TerminologyServer.Import.Loinc.Loinc.Open(Unzip(file, Path.Combine(folder, "loinc"), options.Value.MaxBodyBytes, "the LOINC release (Loinc.csv and the accessory files)"), version)),
                _ => Fhir(file),
            };
        }
        catch (ImportException e)
        {
            Delete(folder);
            throw FhirHttpException.BadRequest($"{e.Message} Nothing was imported.");
        }
        catch
        {
            Delete(folder);
            throw;
        }

        var job = jobs.Start(kind, work, () => Delete(folder));
        if (context.Request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            var request = context.Request;
            context.Response.Headers.ContentLocation = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir/$import-status/{job.Id}";
            return FhirResults.Status(Outcomes.Information($"Import of {kind} accepted; poll the Content-Location URL for its progress and result."), StatusCodes.Status202Accepted);
        }

        await job.Completion.WaitAsync(ct);
        return Finished(job);
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

    private static Func<IServiceProvider, ImportJob, CancellationToken, Task<Parameters>> CodeSystem(ImportedCodeSystem source) => async (services, job, ct) =>
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var importer = new CodeSystemImporter(services.GetRequiredService<TerminologyDbContext>(), services.GetRequiredService<TimeProvider>())
        {
            OnBatch = n => job.Written = n,
        };
        var s = await importer.ImportAsync(source, job.Position, ct);
        var p = new Parameters();
        p.Add("outcome", new Code(s.Outcome.ToString().ToLowerInvariant()));
        p.Add("id", new FhirString(s.LogicalId));
        p.Add("url", new FhirUri(s.Url));
        p.Add("version", new FhirString(s.Version));
        p.Add("concepts", new Integer(s.Concepts));
        p.Add("parents", new Integer(s.Parents));
        p.Add("properties", new Integer(s.Properties));
        p.Add("designations", new Integer(s.Designations));
        p.Add("seconds", new FhirDecimal(Math.Round((decimal)started.Elapsed.TotalSeconds, 1)));
        return p;
    };

    private static Func<IServiceProvider, ImportJob, CancellationToken, Task<Parameters>> Fhir(string file) => async (services, job, ct) =>
    {
        var s = await services.GetRequiredService<FhirContentImporter>().ImportAsync(file, new Progress<(long Done, long? Total)>(x => job.Written = x.Done), ct);
        var p = new Parameters();
        p.Add("created", new Integer(s.Created));
        p.Add("updated", new Integer(s.Updated));
        p.Add("unchanged", new Integer(s.Unchanged));
        p.Add("skipped", new Integer(s.Skipped));
        p.Add("concepts", new Integer(s.Concepts));
        return p;
    };

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

    // CPT, LOINC, RxNorm and NDC arrive as a zip of the release files; entries are flattened to their file names.
    private static string Unzip(string zip, string folder, long max, string what)
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
            throw new ImportException($"the body must be a zip of {what}.");
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
