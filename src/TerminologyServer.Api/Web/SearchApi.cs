using System.Globalization;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;

namespace TerminologyServer.Api.Web;

/// <summary>The parameters of a search as the page and the JSON API take them, checked; <see cref="Error"/> says what is wrong.</summary>
/// <remarks>FHIR-core administrative code systems are searched only with <c>admin=true</c> (or when chosen as the system).</remarks>
public sealed record WebQuery(string Text, WebSystem? System, bool ActiveOnly, int Limit, int Offset, string? Error, bool Administrative = false)
{
    public const int MaxLimit = 100;

    public static WebQuery Read(HttpRequest request, SystemDirectory systems)
    {
        var q = request.Query;
        var text = q["q"].ToString();
        var key = q["system"].ToString();
        string? error = null;
        WebSystem? system = null;
        if (text.Length > CodeSearch.MaxQueryLength)
        {
            error = $"The search text is {text.Length} characters long; the limit is {CodeSearch.MaxQueryLength}. Type a code or a few words.";
            text = "";
        }

        if (key.Length > 0 && key != "all" && (system = systems.ByKey(key)) is null)
        {
            error ??= $"There is no code system '{key}'. Choose one of the listed code systems or all.";
        }

        var limit = Number(q["limit"].ToString(), 20, 1, MaxLimit, "limit", ref error);
        var offset = Number(q["offset"].ToString(), 0, 0, 10_000, "offset", ref error);
        var active = Flag(q["active"].ToString());
        return new WebQuery(text, system, active, limit, offset, error, Flag(q["admin"].ToString()));
    }

    public SearchQuery ToSearch() => new(Text, System is null ? null : [System.Index.Url], ActiveOnly, Limit, Offset, Administrative);

    private static bool Flag(string value) => value is "true" or "on" or "1";

    private static int Number(string value, int fallback, int min, int max, string name, ref string? error)
    {
        if (value.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        error ??= $"The {name} parameter must be a whole number from {min} to {max}.";
        return fallback;
    }
}

/// <summary>The JSON API of the search page: <c>GET /api/search</c> and <c>GET /api/codes/{system}/{code}/similar</c>.</summary>
public static class SearchApi
{
    public sealed record Hit(string System, string SystemKey, string SystemName, string? Version, string Code, string? Display, bool Inactive, string Match, bool Typo, string? Snippet, string Href);

    public sealed record Answer(string Query, string? System, int Total, int Offset, IReadOnlyList<Hit> Results, string? DidYouMean = null);

    public sealed record Similar(string Code, string? Display, string Relation, string Href);

    public sealed record Error(string Message);

    public static IResult Search(HttpRequest request, SystemDirectory systems, CodeSearch search)
    {
        var query = WebQuery.Read(request, systems);
        if (query.Error is not null)
        {
            return WebJson.Result(new Error(query.Error), StatusCodes.Status400BadRequest);
        }

        var result = search.Search(query.ToSearch(), request.HttpContext.RequestAborted);
        return WebJson.Result(new Answer(query.Text, query.System?.Key, result.Total, query.Offset, ToHits(result, systems), result.DidYouMean));
    }

    /// <summary><c>GET /api/codes/{system}/{code}</c>: status, definition, name of the procedure, replaced-by / replaces, ancestors, children.</summary>
    public static IResult Code(string system, string code, HttpRequest request, SystemDirectory systems, CodeSystemRegistry registry)
    {
        system = RawPath.At(request, 2, system);
        code = RawPath.At(request, 3, code);
        if (systems.ByKey(system) is not { } ws)
        {
            return WebJson.Result(new Error($"There is no code system '{system}'."), StatusCodes.Status404NotFound);
        }

        return ws.Index.Find(code) is { } concept
            ? WebJson.Result(CodeFacts.For(ws, concept, registry))
            : WebJson.Result(new Error($"{ws.Name} has no code '{code}'."), StatusCodes.Status404NotFound);
    }

    public static IResult SimilarCodes(string system, string code, HttpRequest request, SystemDirectory systems)
    {
        system = RawPath.At(request, 2, system);
        code = RawPath.At(request, 3, code);
        if (systems.ByKey(system) is not { } ws)
        {
            return WebJson.Result(new Error($"There is no code system '{system}'."), StatusCodes.Status404NotFound);
        }

        if (ws.Index.Find(code) is not { } concept)
        {
            return WebJson.Result(new Error($"{ws.Name} has no code '{code}'."), StatusCodes.Status404NotFound);
        }

        var count = int.TryParse(request.Query["count"], out var n) && n is > 0 and <= 50 ? n : 10;
        return WebJson.Result(Engine.Search.SimilarCodes.Find(ws.Index, concept, count)
            .Select(s => new Similar(s.Concept.Code, s.Concept.Display, Engine.Search.SimilarCodes.Name(s.Relation), CodeHref(ws, s.Concept.Code))));
    }

    public static IReadOnlyList<Hit> ToHits(SearchResult result, SystemDirectory systems) =>
        result.Hits.Select(h =>
        {
            var ws = systems.ByUrl(h.System.Url) ?? new WebSystem(h.System.Info.Name ?? "system", h.System.Info.Title ?? h.System.Url, h.System);
            return new Hit(h.System.Url, ws.Key, ws.Name, h.System.Version, h.Concept.Code, h.Concept.Display, h.Concept.IsInactive,
                MatchName(h.Match), h.Typo, h.Snippet, CodeHref(ws, h.Concept.Code));
        }).ToList();

    public static string CodeHref(WebSystem system, string code) => $"/codes/{Html.U(system.Key)}/{Html.U(code)}";

    public static string MatchName(MatchKind kind) => kind switch
    {
        MatchKind.Code => "code",
        MatchKind.CodePrefix => "code-prefix",
        MatchKind.Display => "display",
        MatchKind.Designation => "designation",
        _ => "narrative",
    };
}
