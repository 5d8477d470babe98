using System.Globalization;
using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Microsoft.Net.Http.Headers;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// Conditional reads (RFC 9110 §13, <see href="https://hl7.org/fhir/R4/http.html#cread"/>): a client that already holds
/// the version (<c>If-None-Match</c> with its ETag) or a copy at least as recent (<c>If-Modified-Since</c>) gets
/// 304 Not Modified without a body. If-None-Match wins over If-Modified-Since, as RFC 9110 says.
/// </summary>
public static class ConditionalRequests
{
    /// <summary>True when the request's validators say the client's copy is current.</summary>
    public static bool NotModified(HttpRequest request, string? etag, DateTimeOffset? lastModified)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var headers = request.GetTypedHeaders();
        if (request.Headers.ContainsKey(HeaderNames.IfNoneMatch))
        {
            if (etag is null)
            {
                return false;
            }

            var current = new EntityTagHeaderValue(Opaque(etag), isWeak: true);
            // Weak comparison: W/"3" and "3" name the same version.
            return headers.IfNoneMatch.Any(t => t == EntityTagHeaderValue.Any || t.Compare(current, useStrongComparison: false));
        }

        return lastModified is { } modified && headers.IfModifiedSince is { } since
            && TruncateToSeconds(modified) <= since;
    }

    /// <summary>Sets ETag and Last-Modified; when the client's copy is current, a 304 to return instead of the body.</summary>
    public static IResult? Check(HttpContext context, string? etag, DateTimeOffset? lastModified)
    {
        var headers = context.Response.Headers;
        if (etag is not null)
        {
            headers.ETag = etag;
        }

        if (lastModified is { } modified)
        {
            headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        }

        return NotModified(context.Request, etag, lastModified) ? Results.StatusCode(StatusCodes.Status304NotModified) : null;
    }

    /// <summary>A weak ETag from the content of a resource made up on request (the CapabilityStatement): equal content, equal tag.</summary>
    public static string ContentETag(Resource resource)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Storage.FhirJson.Serialize(resource));
        return $"W/\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8))}\"";
    }

    private static string Opaque(string etag)
    {
        var tag = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        return tag.StartsWith('"') ? tag : $"\"{tag}\"";
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));
}
