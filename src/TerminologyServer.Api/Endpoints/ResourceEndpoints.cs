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
        fhir.MapGet($"/{type}/{{id}}", async (string id, HttpRequest request, ResourceStore store, CancellationToken ct) =>
        {
            var resource = await store.ReadAsync(type, id, SummaryOf(request) == "true", ct) ?? throw NotFound(type, id);
            return WithVersionHeaders(request.HttpContext, resource, StatusCodes.Status200OK);
        });

        fhir.MapGet($"/{type}/{{id}}/_history/{{vid}}", async (string id, string vid, HttpRequest request, ResourceStore store, CancellationToken ct) =>
        {
            var resource = await store.ReadAsync(type, id, SummaryOf(request) == "true", ct);
            if (resource is null || resource.Meta?.VersionId != vid)
            {
                throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
                    $"{type}/{id} version {vid} is not available; this server keeps only the current version.");
            }

            return WithVersionHeaders(request.HttpContext, resource, StatusCodes.Status200OK);
        });

        fhir.MapGet($"/{type}", (HttpRequest request, ResourceStore store, CancellationToken ct) => SearchEndpoint.SearchAsync(type, request, store, ct));

        fhir.MapPost($"/{type}", async (HttpRequest request, FhirBody body, ResourceStore store, IndexSynchronizer sync, CancellationToken ct) =>
        {
            var resource = await ReadTyped(body, request, type);
            resource.Id = Guid.NewGuid().ToString("N");
            await store.SaveAsync(resource, ct);
            await sync.SyncAsync(ct);
            return WithVersionHeaders(request.HttpContext, resource, StatusCodes.Status201Created, location: true);
        }).RequireAuthorization(WriteSecurity.PolicyFor(type));

        fhir.MapPut($"/{type}/{{id}}", async (string id, HttpRequest request, FhirBody body, ResourceStore store, IndexSynchronizer sync, CancellationToken ct) =>
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

        fhir.MapDelete($"/{type}/{{id}}", async (string id, ResourceStore store, IndexSynchronizer sync, CancellationToken ct) =>
        {
            if (!await store.DeleteAsync(type, id, ct))
            {
                throw NotFound(type, id);
            }

            await sync.SyncAsync(ct);
            return Results.NoContent();
        }).RequireAuthorization(WriteSecurity.PolicyFor(type));

        return fhir;
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

    private static IResult WithVersionHeaders(HttpContext context, Resource resource, int status, bool location = false)
    {
        var vid = resource.Meta?.VersionId;
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

        return FhirResults.Status(resource, status);
    }

    internal static string FhirBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";
}
