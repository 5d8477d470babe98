using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Security;
using TerminologyServer.Engine;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Endpoints;

/// <summary>
/// <c>POST [base]</c> with a <c>transaction</c> or <c>batch</c> Bundle (<see href="https://hl7.org/fhir/R4/http.html#transaction"/>).
/// A transaction is all or nothing in one database transaction: entries are processed DELETE, POST, PUT, GET, ids
/// are assigned to <c>urn:uuid:</c> full URLs and references to them rewritten; the first failure rolls back
/// everything and is the answer. A batch runs each entry on its own and reports each outcome in place.
/// </summary>
public static class BundleEndpoints
{
    /// <summary>Most entries one Bundle may carry (also said in the CapabilityStatement).</summary>
    public const int MaxEntries = 1000;

    public static RouteGroupBuilder MapBundleApi(this RouteGroupBuilder fhir)
    {
        fhir.MapPost("/", ProcessAsync);
        return fhir;
    }

    private static async Task<IResult> ProcessAsync(HttpContext context, FhirBody body, ResourceStore store, TerminologyDbContext db,
        IndexSynchronizer sync, IAuthorizationService authorization, CancellationToken ct)
    {
        if (await body.ReadAsync(context.Request) is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
        {
            throw FhirHttpException.BadRequest("POST to the base URL takes a Bundle of type transaction or batch.");
        }

        if (bundle.Entry.Count > MaxEntries)
        {
            throw new FhirHttpException(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong,
                $"The Bundle has {bundle.Entry.Count:N0} entries; this server takes at most {MaxEntries:N0} in one Bundle.");
        }

        var entries = bundle.Entry.Select((e, i) => new BundleEntry(i, e, Parse(i, e))).ToList();
        foreach (var type in entries.Where(e => e.Request.Method != Bundle.HTTPVerb.GET).Select(e => e.Request.Type).Distinct())
        {
            await AuthorizeAsync(context, authorization, type);
        }

        var transaction = bundle.Type == Bundle.BundleType.Transaction;
        var response = new Bundle { Type = transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse };
        var results = new Bundle.EntryComponent[entries.Count];
        var processor = new BundleEntryProcessor(context.Request, store, db);
        if (transaction)
        {
            processor.AssignIds(entries);
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                foreach (var entry in entries.OrderBy(e => Order(e.Request.Method)))
                {
                    results[entry.Index] = await Failing(entry, () => processor.RunAsync(entry, ct));
                }

                await tx.CommitAsync(ct);
            });
        }
        else
        {
            foreach (var entry in entries.OrderBy(e => Order(e.Request.Method)))
            {
                results[entry.Index] = await InPlace(() => processor.RunAsync(entry, ct));
            }
        }

        await sync.SyncAsync(ct);
        response.Entry.AddRange(results);
        return FhirResults.Ok(response);
    }

    private static int Order(Bundle.HTTPVerb method) => method switch
    {
        Bundle.HTTPVerb.DELETE => 0,
        Bundle.HTTPVerb.POST => 1,
        Bundle.HTTPVerb.PUT => 2,
        _ => 3,
    };

    /// <summary>In a transaction, an entry's failure is the answer, naming the entry; everything is rolled back.</summary>
    private static async Task<Bundle.EntryComponent> Failing(BundleEntry entry, Func<Task<Bundle.EntryComponent>> run)
    {
        try
        {
            return await run();
        }
        catch (FhirHttpException e)
        {
            throw new FhirHttpException(e.Status, e.IssueType, $"Transaction entry {entry.Index} ({entry.Request.Method} {entry.Request.Url}) failed, nothing was stored: {e.Message}");
        }
        catch (TerminologyException e)
        {
            throw new FhirHttpException(Outcomes.StatusForRequestFailure(e.IssueType), e.IssueType,
                $"Transaction entry {entry.Index} ({entry.Request.Method} {entry.Request.Url}) failed, nothing was stored: {e.Message}");
        }
    }

    /// <summary>In a batch, an entry's failure is its response: status and OperationOutcome.</summary>
    private static async Task<Bundle.EntryComponent> InPlace(Func<Task<Bundle.EntryComponent>> run)
    {
        (int Status, OperationOutcome Outcome) failure;
        try
        {
            return await run();
        }
        catch (FhirHttpException e)
        {
            failure = (e.Status, Outcomes.Error(e.IssueType, e.Message));
        }
        catch (TerminologyException e)
        {
            failure = (Outcomes.StatusForRequestFailure(e.IssueType), Outcomes.Error(e.IssueType, e.Message));
        }
        catch (ResourceVersionConflictException e)
        {
            failure = (StatusCodes.Status409Conflict, Outcomes.Error(OperationOutcome.IssueType.Conflict, e.Message));
        }

        return new Bundle.EntryComponent
        {
            Response = new Bundle.ResponseComponent { Status = Status(failure.Status), Outcome = failure.Outcome },
        };
    }

    internal static string Status(int status) => status.ToString(CultureInfo.InvariantCulture) + " " + ReasonPhrase(status);

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static async System.Threading.Tasks.Task AuthorizeAsync(HttpContext context, IAuthorizationService authorization, string type)
    {
        var result = await authorization.AuthorizeAsync(context.User, null, WriteSecurity.PolicyFor(type));
        if (!result.Succeeded)
        {
            var authenticated = context.User.Identity?.IsAuthenticated == true;
            if (!authenticated)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            throw new FhirHttpException(authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                authenticated ? OperationOutcome.IssueType.Forbidden : OperationOutcome.IssueType.Login,
                authenticated
                    ? $"The credentials do not permit writing {type} resources (scope system/{type}.write), which this Bundle does."
                    : $"This Bundle writes {type} resources and needs 'Authorization: Bearer <token>' with an API key or an access token (JWT).");
        }
    }

    private static BundleRequest Parse(int index, Bundle.EntryComponent entry)
    {
        var request = entry.Request ?? throw FhirHttpException.BadRequest($"Bundle entry {index} has no request (method and url).");
        var method = request.Method ?? throw FhirHttpException.BadRequest($"Bundle entry {index} has no request.method.");
        var url = request.Url?.Trim() ?? throw FhirHttpException.BadRequest($"Bundle entry {index} has no request.url.");
        var (path, query) = url.IndexOf('?') is var q and >= 0 ? (url[..q], url[(q + 1)..]) : (url, null);
        var segments = path.Trim('/').Split('/');
        var type = segments[0];
        if (!ResourceStore.SupportedTypes.Contains(type))
        {
            throw FhirHttpException.BadRequest($"Bundle entry {index}: '{url}' is not a resource type this server stores ({string.Join(", ", ResourceStore.SupportedTypes.Order())}).");
        }

        var id = segments.Length > 1 ? segments[1] : null;
        var version = segments.Length == 4 && segments[2] == "_history" ? segments[3] : null;
        if (segments.Length is 3 or > 4 || (segments.Length == 4 && version is null) || (method == Bundle.HTTPVerb.POST && id is not null))
        {
            throw FhirHttpException.BadRequest($"Bundle entry {index}: '{method} {url}' is not an interaction this server takes in a Bundle.");
        }

        if (method is Bundle.HTTPVerb.PATCH or Bundle.HTTPVerb.HEAD)
        {
            throw new FhirHttpException(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"Bundle entry {index}: {method} is not supported.");
        }

        return new BundleRequest(method, url, type, id, version, query);
    }
}

/// <summary>What one Bundle entry asks: the method and its target (type, id, version or search criteria).</summary>
internal sealed record BundleRequest(Bundle.HTTPVerb Method, string Url, string Type, string? Id, string? Version, string? Query);

internal sealed record BundleEntry(int Index, Bundle.EntryComponent Entry, BundleRequest Request);
