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
        var (type, text) = status switch
        {
            StatusCodes.Status404NotFound => (OperationOutcome.IssueType.NotFound, $"No FHIR endpoint at {http.Request.Method} {http.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => (OperationOutcome.IssueType.NotSupported, $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            StatusCodes.Status415UnsupportedMediaType => (OperationOutcome.IssueType.NotSupported, "Unsupported media type."),
            _ => (OperationOutcome.IssueType.Processing, $"The request failed with HTTP status {status}."),
        };
        return FhirResults.Write(http, Outcomes.Error(type, text), status);
    }
}
