using Microsoft.AspNetCore.Diagnostics;
using TerminologyServer.Api.Fhir;
using static TerminologyServer.Api.Web.Html;

namespace TerminologyServer.Api.Web;

/// <summary>
/// Errors in the form of the area they happen in: an HTML page for the web site (with a search box and a link
/// home), <c>{"message"}</c> for <c>/api</c>, an OperationOutcome for FHIR. User input is echoed cut short and escaped.
/// </summary>
public static class ErrorPages
{
    private static readonly string SearchForm =
        "<form role=\"search\" action=\"/\" method=\"get\"><div class=\"row\"><div><label for=\"q\">Search for a code or words</label>"
        + "<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"" + Engine.Search.CodeSearch.MaxQueryLength + "\" autocomplete=\"off\"></div>"
        + "<button type=\"submit\">Search</button></div></form>";

    /// <summary>Bodiless error statuses (unknown route 404, wrong method 405…), as <c>UseStatusCodePages</c> sees them.</summary>
    public static Task WriteStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var area = SiteAreas.Of(http.Request);
        if (area == SiteArea.Fhir)
        {
            return FhirStatusPages.WriteAsync(context);
        }

        var status = http.Response.StatusCode;
        var path = SiteAreas.Echo(http.Request.Path.Value);
        var method = SiteAreas.Echo(http.Request.Method);
        if (area == SiteArea.Api)
        {
            var message = status switch
            {
                StatusCodes.Status404NotFound => $"No API endpoint at {method} {path}. The JSON API is /api/search?q=… and /api/codes/{{system}}/{{code}}/similar.",
                StatusCodes.Status405MethodNotAllowed => $"{method} is not allowed on {path}; use GET.",
                _ => $"The request failed with HTTP status {status}.",
            };
            return Json(http, status, message);
        }

        var (heading, text) = status switch
        {
            StatusCodes.Status404NotFound => ("Page not found", $"There is no page at {path}."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"The page {path} cannot be used with {method}; open it in a browser (GET)."),
            _ => ("Request failed", $"The request failed with HTTP status {status}."),
        };
        return Write(http, status, heading, text);
    }

    /// <summary>An error of a page or of the JSON API (the exception handler's message, already free of internals).</summary>
    public static Task WriteErrorAsync(HttpContext http, SiteArea area, int status, string message) =>
        area == SiteArea.Api
            ? Json(http, status, message)
            : Write(http, status, status switch
            {
                StatusCodes.Status404NotFound => "Not found",
                >= StatusCodes.Status500InternalServerError => "Something went wrong",
                _ => "Bad request",
            }, message);

    private static Task Json(HttpContext http, int status, string message) =>
        WebJson.Result(new SearchApi.Error(message), status).ExecuteAsync(http);

    private static Task Write(HttpContext http, int status, string heading, string text) =>
        Page(heading + " - " + SiteName,
            $"<h1>{E(heading)}</h1><p>{E(text)}</p>" + SearchForm
            + "<p><a href=\"/\">Search all medical codes</a> · <a href=\"/fhir/metadata\">FHIR API</a></p>", status).ExecuteAsync(http);
}
