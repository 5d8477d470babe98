using Microsoft.Net.Http.Headers;

namespace TerminologyServer.Api.Fhir;

public enum FhirFormat
{
    Json,
    Xml,
}

/// <summary>Content negotiation: <c>_format</c> wins over <c>Accept</c>; JSON is the default.</summary>
public static class FhirFormats
{
    public const string FhirJson = "application/fhir+json", FhirXml = "application/fhir+xml";

    /// <summary>The format the client asked for, or null when it asked only for formats we do not produce.</summary>
    public static (FhirFormat Format, string MediaType)? ForResponse(HttpRequest request)
    {
        if (request.Query.TryGetValue("_format", out var f) && f.ToString() is { Length: > 0 } format)
        {
            return Parse(format);
        }

        var accept = request.Headers.Accept;
        if (accept.Count == 0)
        {
            return (FhirFormat.Json, FhirJson);
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var types) || types.Count == 0)
        {
            return (FhirFormat.Json, FhirJson);
        }

        foreach (var t in types.OrderByDescending(t => t.Quality ?? 1))
        {
            if (Parse(t.MediaType.Value ?? "") is { } match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The format of a request body, from its Content-Type; null when unsupported.</summary>
    public static FhirFormat? ForBody(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var t))
        {
            return null;
        }

        return t.MediaType.Value?.ToLowerInvariant() switch
        {
            FhirJson or "application/json" or "application/json+fhir" or "text/json" => FhirFormat.Json,
            FhirXml or "application/xml" or "application/xml+fhir" or "text/xml" => FhirFormat.Xml,
            _ => null,
        };
    }

    private static (FhirFormat, string)? Parse(string value) => value.Replace(" ", "+", StringComparison.Ordinal).Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "json" or FhirJson or "application/json+fhir" or "*/*" or "application/*" => (FhirFormat.Json, FhirJson),
        "application/json" or "text/json" => (FhirFormat.Json, "application/json"),
        "xml" or FhirXml or "application/xml+fhir" => (FhirFormat.Xml, FhirXml),
        "application/xml" or "text/xml" => (FhirFormat.Xml, "application/xml"),
        _ => null,
    };
}

/// <summary>
/// Endpoint metadata: the endpoint answers in a media type of its own (not FHIR JSON/XML), so the 406 check for
/// unproducible FHIR formats does not apply to it; its errors are still FHIR.
/// </summary>
public sealed class OwnMediaType
{
    public static readonly OwnMediaType Instance = new();
}
