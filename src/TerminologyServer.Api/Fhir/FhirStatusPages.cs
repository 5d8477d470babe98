using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Diagnostics;
using TerminologyServer.Api.Errors;

namespace TerminologyServer.Api.Fhir;

/// <summary>Gives bodiless error statuses (unknown route 404, wrong method 405…) an OperationOutcome.</summary>
public static class FhirStatusPages
{
    public static System.Threading.Tasks.Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        // The path is echoed cut short: it may be a megabyte long or carry control characters.
        var path = Web.SiteAreas.Echo(http.Request.Path.Value);
        var method = Web.SiteAreas.Echo(http.Request.Method);
        var (type, text) = status switch
        {
            StatusCodes.Status404NotFound => (OperationOutcome.IssueType.NotFound, $"No FHIR endpoint at {method} {path}."),
            StatusCodes.Status405MethodNotAllowed => (OperationOutcome.IssueType.NotSupported, $"{method} is not allowed on {path}."),
            StatusCodes.Status415UnsupportedMediaType => (OperationOutcome.IssueType.NotSupported, "Unsupported media type."),
            _ => (OperationOutcome.IssueType.Processing, $"The request failed with HTTP status {status}."),
        };
        return FhirResults.Write(http, Outcomes.Error(type, text), status);
    }
}
