using Microsoft.AspNetCore.Http.Features;

namespace TerminologyServer.Api.Web;

/// <summary>
/// Route values decoded exactly once from the path as sent. ASP.NET leaves <c>%2F</c> encoded in route values but
/// decodes <c>%25</c>, so <c>a%2Fb</c> (code "a/b") and <c>a%252Fb</c> (code "a%2Fb") would both arrive as "a%2Fb".
/// </summary>
public static class RawPath
{
    /// <summary>The path from segment <paramref name="index"/> (0-based) to the end, or <paramref name="fallback"/> when the raw target is not at hand.</summary>
    public static string From(HttpRequest request, int index, string fallback) =>
        Segments(request) is { } segments && segments.Length > index ? Uri.UnescapeDataString(string.Join('/', segments[index..])) : fallback;

    /// <summary>Segment <paramref name="index"/> (0-based) of the path, or <paramref name="fallback"/>.</summary>
    public static string At(HttpRequest request, int index, string fallback) =>
        Segments(request) is { } segments && segments.Length > index ? Uri.UnescapeDataString(segments[index]) : fallback;

    private static string[]? Segments(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null || !raw.StartsWith('/') || request.PathBase.HasValue)
        {
            return null;
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return (query < 0 ? raw : raw[..query]).Split('/')[1..];
    }
}
