using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Extensions;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Security;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Endpoints;

/// <summary>read, vread (current version), search, create, update and delete for each canonical resource type.</summary>
public static class ResourceEndpoints
{
    public static RouteGroupBuilder MapResourceApi(this RouteGroupBuilder fhir, string type)
    {
        fhir.MapGet($"/{type}/{{id:fhirid}}", async (string id, HttpRequest request, ResourceStore store, CancellationToken ct) =>
        {
            var summary = Summary.Of(request, search: false);
            var resource = await store.ReadAsync(type, id, summary.WithoutConcepts, ct) ?? throw await GoneOrNotFoundAsync(request, type, id, ct);
            return WithVersionHeaders(request.HttpContext, resource, StatusCodes.Status200OK, summary: summary);
        });

        fhir.MapGet($"/{type}/{{id:fhirid}}/_history/{{vid}}", async (string id, string vid, HttpRequest request, ResourceStore store, CancellationToken ct) =>
        {
            var summary = Summary.Of(request, search: false);
            var resource = await store.ReadAsync(type, id, summary.WithoutConcepts, ct);
            if (resource is null || resource.Meta?.VersionId != vid)
            {
                var old = int.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                    ? await ResourceHistory.ReadVersionAsync(request.HttpContext.RequestServices.GetRequiredService<TerminologyDbContext>(), type, id, v, ct)
                    : null;
                if (old is { Deleted: true })
                {
                    throw new FhirHttpException(StatusCodes.Status410Gone, OperationOutcome.IssueType.Deleted,
                        $"{type}/{id} version {vid} is its deletion (at {old.LastUpdated:O}).");
                }

                resource = old?.Resource ?? throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
                    $"{type}/{id} has no version {vid}{(resource is null ? "" : $"; the current version is {resource.Meta?.VersionId}")}.");
            }

            return WithVersionHeaders(request.HttpContext, resource, StatusCodes.Status200OK, summary: summary);
        });

        fhir.MapGet($"/{type}", (HttpRequest request, ResourceStore store, CancellationToken ct) => SearchEndpoint.SearchAsync(type, request, store, ct));

        fhir.MapPost($"/{type}", async (HttpRequest request, FhirBody body, ResourceStore store, IndexSynchronizer sync, CancellationToken ct) =>
        {
            var resource = await ReadTyped(body, request, type);
            if (request.Headers.TryGetValue("If-None-Exist", out var criteria)
                && await ConditionalWrites.MatchesAsync(type, criteria.ToString(), request, store, "create", ct) is [var existing])
            {
                // One match: nothing is created, the client gets the resource that is there (FHIR conditional create).
                var current = await store.ReadAsync(type, existing, ct: ct) ?? throw NotFound(type, existing);
                return WithVersionHeaders(request.HttpContext, current, StatusCodes.Status200OK, location: true);
            }

            resource.Id = Guid.NewGuid().ToString("N");
            await store.SaveAsync(resource, ct);
            await sync.SyncAsync(ct);
            return WithVersionHeaders(request.HttpContext, resource, StatusCodes.Status201Created, location: true);
        }).RequireAuthorization(WriteSecurity.PolicyFor(type));

        fhir.MapPut($"/{type}/{{id:fhirid}}", async (string id, HttpRequest request, FhirBody body, ResourceStore store, IndexSynchronizer sync, CancellationToken ct) =>
        {
            var resource = await ReadTyped(body, request, type);
            if (resource.Id is null)
            {
                throw FhirHttpException.BadRequest($"The {type} in the body has no id; it must be '{id}' to update {type}/{id}.");
            }

            if (resource.Id != id)
            {
                throw FhirHttpException.BadRequest($"The id in the body ('{resource.Id}') does not match the id in the URL ('{id}').");
            }

            var outcome = await IfMatch.SaveAsync(store, resource, IfMatch.ExpectedVersion(request), ct);
            await sync.SyncAsync(ct);
            return WithVersionHeaders(request.HttpContext, resource,
                outcome == WriteOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK,
                location: outcome == WriteOutcome.Created);
        }).RequireAuthorization(WriteSecurity.PolicyFor(type));

        fhir.MapPut($"/{type}", async (HttpRequest request, FhirBody body, ResourceStore store, IndexSynchronizer sync, CancellationToken ct) =>
        {
            // Conditional update: PUT [type]?criteria; no match creates, one match updates it, several are 412.
            var resource = await ReadTyped(body, request, type);
            var matches = await ConditionalWrites.MatchesAsync(type, request.QueryString.Value ?? "", request, store, "update", ct);
            if (matches is [var match] && resource.Id is { } bodyId && bodyId != match)
            {
                throw FhirHttpException.BadRequest($"The id in the body ('{bodyId}') is not that of the {type} the criteria match ('{match}').");
            }

            resource.Id = matches is [var m] ? m : resource.Id ?? Guid.NewGuid().ToString("N");
            var outcome = await IfMatch.SaveAsync(store, resource, IfMatch.ExpectedVersion(request), ct);
            await sync.SyncAsync(ct);
            return WithVersionHeaders(request.HttpContext, resource,
                outcome == WriteOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, location: outcome == WriteOutcome.Created);
        }).RequireAuthorization(WriteSecurity.PolicyFor(type));

        fhir.MapDelete($"/{type}/{{id:fhirid}}", async (string id, HttpRequest request, ResourceStore store, IndexSynchronizer sync, CancellationToken ct) =>
        {
            if (!await DeleteAsync(request, store, type, id, ct))
            {
                // Deleting what is already deleted changes nothing (204, as FHIR asks); an id never known is 404.
                var missing = await GoneOrNotFoundAsync(request, type, id, ct);
                return missing.Status == StatusCodes.Status410Gone ? Results.NoContent() : throw missing;
            }

            await sync.SyncAsync(ct);
            return Results.NoContent();
        }).RequireAuthorization(WriteSecurity.PolicyFor(type));

        fhir.MapDelete($"/{type}", async (HttpRequest request, ResourceStore store, IndexSynchronizer sync, CancellationToken ct) =>
        {
            // Conditional delete: DELETE [type]?criteria; no match is 204 as well (nothing to delete), several are 412.
            if (await ConditionalWrites.MatchesAsync(type, request.QueryString.Value ?? "", request, store, "delete", ct) is [var id]
                && await DeleteAsync(request, store, type, id, ct))
            {
                await sync.SyncAsync(ct);
            }

            return Results.NoContent();
        }).RequireAuthorization(WriteSecurity.PolicyFor(type));

        return fhir;
    }

    /// <summary>Deletes, honouring If-Match (412 when the stored version is another).</summary>
    private static async Task<bool> DeleteAsync(HttpRequest request, ResourceStore store, string type, string id, CancellationToken ct)
    {
        var expected = IfMatch.ExpectedVersion(request);
        try
        {
            return await store.DeleteAsync(type, id, ct, expected);
        }
        catch (ResourceVersionConflictException e) when (e.ExpectedVersionMismatch)
        {
            throw new FhirHttpException(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.Conflict, $"If-Match W/\"{expected}\" does not hold: {e.Message}");
        }
    }

    /// <summary>410 Gone for a resource that was deleted (FHIR read of a deleted resource), 404 for one never known.</summary>
    internal static async Task<FhirHttpException> GoneOrNotFoundAsync(HttpRequest request, string type, string id, CancellationToken ct)
    {
        var db = request.HttpContext.RequestServices.GetRequiredService<TerminologyDbContext>();
        return await ResourceHistory.DeletedAtAsync(db, type, id, ct) is { } at
            ? new FhirHttpException(StatusCodes.Status410Gone, OperationOutcome.IssueType.Deleted, $"{type}/{id} was deleted at {at:O}.")
            : NotFound(type, id);
    }

    internal static string? SummaryOf(HttpRequest request) =>
        request.Query.TryGetValue("_summary", out var s) ? s.ToString() : null;

    private static async Task<Resource> ReadTyped(FhirBody body, HttpRequest request, string type)
    {
        var resource = await body.ReadAsync(request);
        if (resource.TypeName != type)
        {
            throw FhirHttpException.BadRequest($"This endpoint takes a {type}, but the body holds a {resource.TypeName}.");
        }

        if (resource is IVersionableConformanceResource { Url: null or "" } && type != "NamingSystem")
        {
            throw FhirHttpException.BadRequest($"A {type} needs a canonical url.");
        }

        return resource;
    }

    private static FhirHttpException NotFound(string type, string id) =>
        new(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known to this server.");

    private static IResult WithVersionHeaders(HttpContext context, Resource resource, int status, bool location = false, Summary? summary = null)
    {
        var vid = resource.Meta?.VersionId;
        if (status == StatusCodes.Status200OK && ConditionalRequests.NotModified(context.Request, vid is null ? null : $"W/\"{vid}\"", resource.Meta?.LastUpdated))
        {
            ConditionalRequests.Check(context, vid is null ? null : $"W/\"{vid}\"", resource.Meta?.LastUpdated);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (vid is not null)
        {
            context.Response.Headers.ETag = $"W/\"{vid}\"";
        }

        if (resource.Meta?.LastUpdated is { } updated)
        {
            context.Response.Headers.LastModified = updated.ToString("R", CultureInfo.InvariantCulture);
        }

        if (location)
        {
            context.Response.Headers.Location = $"{FhirBase(context.Request)}/{resource.TypeName}/{resource.Id}/_history/{vid}";
        }

        return FhirResults.Status(summary?.Apply(resource) ?? resource, status);
    }

    internal static string FhirBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
}
