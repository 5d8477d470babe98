using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Diagnostics;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Web;

namespace TerminologyServer.Api.Errors;

/// <summary>
/// Turns every exception into an OperationOutcome with the right status. Known failures say what is wrong;
/// anything unexpected is a 500 with a correlation id that is also logged, never the exception text.
/// </summary>
public sealed class FhirExceptionHandler(ILogger<FhirExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var (status, outcome) = Outcomes.ForFailure(exception) is { } failure ? failure : (StatusCodes.Status500InternalServerError, (OperationOutcome?)null);
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
