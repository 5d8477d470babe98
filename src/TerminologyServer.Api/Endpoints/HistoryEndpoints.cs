using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Endpoints;

/// <summary>
/// <c>_history</c> at instance, type and system level (<see href="https://hl7.org/fhir/R4/http.html#history"/>):
/// a history Bundle, newest first, with <c>_since</c>, <c>_count</c> and <c>_offset</c> paging.
/// </summary>
public static class HistoryEndpoints
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "_since", "_count", "_offset", "_format", "_pretty", "_summary", "_elements" };

    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/_history", (HttpRequest request, TerminologyDbContext db, ResourceStore store, CancellationToken ct) =>
            HistoryAsync(request, db, store, null, null, ct));
        foreach (var type in ResourceStore.SupportedTypes)
        {
            fhir.MapGet($"/{type}/_history", (HttpRequest request, TerminologyDbContext db, ResourceStore store, CancellationToken ct) =>
                HistoryAsync(request, db, store, type, null, ct));
            fhir.MapGet($"/{type}/{{id:fhirid}}/_history", (string id, HttpRequest request, TerminologyDbContext db, ResourceStore store, CancellationToken ct) =>
                HistoryAsync(request, db, store, type, id, ct));
        }

        return fhir;
    }

    private static async Task<IResult> HistoryAsync(HttpRequest request, TerminologyDbContext db, ResourceStore store, string? type, string? id, CancellationToken ct)
    {
        var q = request.Query;
        if (q.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            throw FhirHttpException.BadRequest($"The parameter '{unknown}' is not supported on _history; use _since, _count and _offset.");
        }

        var since = Since(q);
        var count = Math.Min(Int(q, "_count") ?? SearchEndpoint.DefaultCount, SearchEndpoint.MaxCount);
        var offset = Int(q, "_offset") ?? 0;
        var (total, entries) = await ResourceHistory.PageAsync(db, store, type, id, since, offset, count, ct);
        if (id is not null && total == 0 && since is null)
        {
            throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known to this server.");
        }

        var fhirBase = ResourceEndpoints.FhirBase(request);
        var bundle = new Bundle { Type = Bundle.BundleType.History, Total = total };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}" });
        if (offset + count < total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageLink(request, offset + count, count) });
        }

        if (offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageLink(request, Math.Max(0, offset - count), count) });
        }

        foreach (var e in entries)
        {
            var version = e.VersionId.ToString(CultureInfo.InvariantCulture);
            var (method, url, status) = e.Deleted ? (Bundle.HTTPVerb.DELETE, $"{e.ResourceType}/{e.LogicalId}", "204 No Content")
                : e.VersionId == 1 ? (Bundle.HTTPVerb.POST, e.ResourceType, "201 Created")
                : (Bundle.HTTPVerb.PUT, $"{e.ResourceType}/{e.LogicalId}", "200 OK");
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{fhirBase}/{e.ResourceType}/{e.LogicalId}",
                Resource = e.Resource,
                Request = new Bundle.RequestComponent { Method = method, Url = url },
                Response = new Bundle.ResponseComponent { Status = status, Etag = $"W/\"{version}\"", LastModified = e.LastUpdated },
            });
        }

        return FhirResults.Ok(bundle);
    }

    private static DateTimeOffset? Since(IQueryCollection q)
    {
        if (!q.TryGetValue("_since", out var values))
        {
            return null;
        }

        var text = values.ToString();
        // _since is an instant; a date or dateTime without zone is read as UTC, which is what clients mean by it.
        if (values.Count == 1 && FhirDateTime.IsValidValue(text) && new FhirDateTime(text).TryToDateTimeOffset(out var since))
        {
            return since;
        }

        throw FhirHttpException.BadRequest($"_since must be an instant such as 2024-05-31T12:00:00Z, not '{text}'.");
    }

    private static int? Int(IQueryCollection q, string name) => q.TryGetValue(name, out var v)
        ? v.Count == 1 && int.TryParse(v[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw FhirHttpException.BadRequest($"The parameter '{name}' must be a non-negative integer, not '{v}'.")
        : null;

    private static string PageLink(HttpRequest request, int offset, int count)
    {
        var query = request.Query.Where(kv => kv.Key is not ("_offset" or "_count"))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("_count", count.ToString(CultureInfo.InvariantCulture)))
            .Append(new("_offset", offset.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }
}
