using Microsoft.Net.Http.Headers;

namespace TerminologyServer.Api.Web;

/// <summary>Which face of the server a request is for, and so in which form its errors are answered.</summary>
public enum SiteArea
{
    /// <summary><c>/fhir/…</c>, <c>/healthz</c>, or a client that asks for FHIR/JSON only: an OperationOutcome.</summary>
    Fhir,

    /// <summary><c>/api/…</c>: the JSON API of the pages, <c>{"message": …}</c>.</summary>
    Api,

    /// <summary>Everything else, the web site: an HTML page.</summary>
    Page,
}

public static class SiteAreas
{
    /// <summary>Longest part of a path or query echoed in an error (escaped); the rest is cut with an ellipsis.</summary>
    public const int MaxEcho = 120;

    public static SiteArea Of(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
        {
            return SiteArea.Fhir;
        }

        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return SiteArea.Api;
        }

        return WantsDataOnly(request) ? SiteArea.Fhir : SiteArea.Page;
    }

    /// <summary>A short, single-line form of user input for an error message (the caller still escapes it).</summary>
    public static string Echo(string? text)
    {
        var value = text ?? "";
        var cut = value.Length > MaxEcho ? value[..MaxEcho] + "…" : value;
        return string.Create(cut.Length, cut, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '\uFFFD' : s[i];
            }
        });
    }

    /// <summary>
    /// A FHIR client that left out <c>/fhir</c> (<c>Accept: application/fhir+json</c>, no <c>text/html</c>) gets an
    /// OperationOutcome rather than a page; browsers always list <c>text/html</c>.
    /// </summary>
    private static bool WantsDataOnly(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var types) || types.Count == 0)
        {
            return false;
        }

        var html = false;
        var data = false;
        foreach (var t in types)
        {
            var media = t.MediaType.Value ?? "";
            html |= media.Equals("text/html", StringComparison.OrdinalIgnoreCase) || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
            data |= media.Contains("fhir", StringComparison.OrdinalIgnoreCase) || media.Equals("application/json", StringComparison.OrdinalIgnoreCase);
        }

        return data && !html;
    }
}
