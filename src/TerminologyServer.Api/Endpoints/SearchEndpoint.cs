using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Endpoints;

/// <summary>Type-level search: url, version, name, title, status, _id (and topic for PlanDefinition), with _count/_offset paging and _summary.</summary>
public static class SearchEndpoint
{
    public const int DefaultCount = 20, MaxCount = 500;

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "url", "version", "name", "title", "status", "topic", "_id", "_count", "_offset", "_summary", "_elements", "_format", "_pretty",
    };

    public static async Task<IResult> SearchAsync(string type, HttpRequest request, ResourceStore store, CancellationToken ct)
    {
        var subset = Summary.Of(request, search: true);
        var summary = subset.Mode;
        var criteria = CriteriaFor(type, request.Query, request);
        var page = await store.SearchAsync(type, criteria, subset.WithoutConcepts, summary == "count", ct);
        var self = request.Path + request.QueryString;
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = page.Total };
        var fhirBase = ResourceEndpoints.FhirBase(request);
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{request.Scheme}://{request.Host}{request.PathBase}{self}" });
        if (summary != "count")
        {
            if (criteria.Offset + criteria.Count < page.Total)
            {
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageLink(request, criteria.Offset + criteria.Count, criteria.Count) });
            }

            if (criteria.Offset > 0)
            {
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageLink(request, Math.Max(0, criteria.Offset - criteria.Count), criteria.Count) });
            }

            foreach (var r in page.Resources)
            {
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"{fhirBase}/{r.TypeName}/{r.Id}",
                    Resource = subset.Apply(r),
                    Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
                });
            }
        }

        return FhirResults.Ok(bundle);
    }

    /// <summary>The search criteria of <paramref name="q"/> (a search's query string, or the criteria of a conditional create, update or delete).</summary>
    internal static SearchCriteria CriteriaFor(string type, IQueryCollection q, HttpRequest request)
    {
        var unknown = q.Keys.FirstOrDefault(k => !Known.Contains(k));
        if (unknown is not null)
        {
            throw FhirHttpException.BadRequest($"The search parameter '{unknown}' is not supported for {type}. Supported: {string.Join(", ", Known.Where(k => k[0] != '_' || k is "_id" or "_count" or "_offset" or "_summary" or "_elements"))}.");
        }

        var topic = One(q, "topic");
        if (topic is not null && type != "PlanDefinition")
        {
            throw FhirHttpException.BadRequest($"The search parameter 'topic' is supported for PlanDefinition only, not {type}.");
        }

        var criteria = new SearchCriteria
        {
            Id = One(q, "_id"),
            Url = One(q, "url"),
            Version = One(q, "version"),
            Name = One(q, "name"),
            Title = One(q, "title"),
            Status = One(q, "status"),
            Ids = topic is null ? null : request.HttpContext.RequestServices.GetRequiredService<Startup.PlanDefinitionCache>().Matching(topic),
            Count = Math.Min(Int(q, "_count") ?? DefaultCount, MaxCount),
            Offset = Int(q, "_offset") ?? 0,
        };
        return criteria;
    }

    private static string PageLink(HttpRequest request, int offset, int count)
    {
        var query = request.Query.Where(kv => kv.Key is not ("_offset" or "_count"))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("_count", count.ToString(CultureInfo.InvariantCulture)))
            .Append(new("_offset", offset.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }

    private static string? One(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var v) ? (v.Count == 1 ? v[0] : throw FhirHttpException.BadRequest($"The search parameter '{name}' may appear only once.")) : null;

    private static int? Int(IQueryCollection q, string name) => One(q, name) switch
    {
        null => null,
        var s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        var s => throw FhirHttpException.BadRequest($"The search parameter '{name}' must be a non-negative integer, not '{s}'."),
    };
}
