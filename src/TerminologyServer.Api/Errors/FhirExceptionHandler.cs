using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Diagnostics;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Web;
using TerminologyServer.Engine;

namespace TerminologyServer.Api.Errors;

/// <summary>
/// Turns every exception into an OperationOutcome with the right status. Known failures say what is wrong;
/// anything unexpected is a 500 with a correlation id that is also logged, never the exception text.
/// </summary>
public sealed class FhirExceptionHandler(ILogger<FhirExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, outcome) = exception switch
        {
            TerminologyException t => (Outcomes.StatusForRequestFailure(t.IssueType), Outcomes.Error(t.IssueType, t.Message, t.MessageId, t.Expression, t.TxIssueType)),
            FhirHttpException h => (h.Status, Outcomes.Error(h.IssueType, h.Message)),
            // Another writer (often another process on the same database) stored a new version meanwhile: nothing was written.
            Storage.ResourceVersionConflictException c => (StatusCodes.Status409Conflict, Outcomes.Error(OperationOutcome.IssueType.Conflict, c.Message)),
            // A value that parsed leniently but is not valid for its type (valueBoolean "yes"), met when it is read.
            Hl7.Fhir.Validation.CodedValidationException v => (StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Invalid, $"Invalid value in the request: {v.Message}")),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, Outcomes.Error(OperationOutcome.IssueType.TooLong, "The request body is larger than this server accepts.")),
            BadHttpRequestException b => (b.StatusCode, Outcomes.Error(OperationOutcome.IssueType.Invalid, "The HTTP request is malformed.")),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, null),
            _ => (StatusCodes.Status500InternalServerError, null),
        };

        if (status == 499)
        {
            return true;
        }

        if (outcome is null)
        {
            var id = context.TraceIdentifier;
            logger.LogError(exception, "Unhandled error, correlation id {CorrelationId}", id);
            outcome = Outcomes.Error(OperationOutcome.IssueType.Exception, $"An unexpected error occurred. Quote correlation id {id} when reporting it.");
        }

        var area = SiteAreas.Of(context.Request);
        if (area == SiteArea.Fhir)
        {
            await FhirResults.Write(context, outcome, status);
        }
        else
        {
            await ErrorPages.WriteErrorAsync(context, area, status, outcome.Issue[0].Diagnostics ?? $"The request failed with HTTP status {status}.");
        }

        return true;
    }
}
