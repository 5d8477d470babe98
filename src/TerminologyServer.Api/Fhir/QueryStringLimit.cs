using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using TerminologyServer.Api.Errors;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// <c>Limits:MaxQueryStringLength</c> for <c>/fhir</c>: a longer query string is a 414 with an OperationOutcome
/// (issue type too-long) that says how long it was and to send the operation by POST with a Parameters body.
/// </summary>
public static class QueryStringLimit
{
    public static WebApplication UseFhirQueryStringLimit(this WebApplication app)
    {
        var max = app.Services.GetRequiredService<IOptions<LimitOptions>>().Value.MaxQueryStringLength;
        app.Use(async (context, next) =>
        {
            var length = context.Request.QueryString.Value?.Length ?? 0;
            if (length > max && context.Request.Path.StartsWithSegments("/fhir", StringComparison.OrdinalIgnoreCase))
            {
                await FhirResults.Write(context, Outcomes.Error(OperationOutcome.IssueType.TooLong,
                    $"The query string is {length:N0} characters long; this server accepts up to {max:N0} in a FHIR URL. " +
                    "Send an operation by POST with a Parameters body instead.", "QUERY_TOO_LONG"), StatusCodes.Status414UriTooLong);
                return;
            }

            await next(context);
        });
        return app;
    }
}
