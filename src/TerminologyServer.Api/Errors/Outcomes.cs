using Hl7.Fhir.Model;

namespace TerminologyServer.Api.Errors;

/// <summary>Builds OperationOutcomes and maps issue types to HTTP status codes, in one place.</summary>
public static class Outcomes
{
    public const string TxIssueTypeSystem = "http://hl7.org/fhir/tools/CodeSystem/tx-issue-type";

    public static OperationOutcome Error(OperationOutcome.IssueType type, string text, string? messageId = null, IEnumerable<string>? expression = null, string? txIssueType = null)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = type,
            Diagnostics = text,
            Details = new CodeableConcept { Text = text },
        };
        txIssueType ??= type == OperationOutcome.IssueType.NotFound ? "not-found" : null;
        if (txIssueType is not null)
        {
            issue.Details.Coding.Add(new Coding(TxIssueTypeSystem, txIssueType));
        }

        if (messageId is not null)
        {
            issue.AddExtension("http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id", new FhirString(messageId));
        }

        if (expression is not null)
        {
            issue.Expression = expression.ToList();
        }

        return new OperationOutcome { Issue = [issue] };
    }

    public static OperationOutcome Information(string text) => new()
    {
        Issue = [new() { Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational, Diagnostics = text, Details = new CodeableConcept { Text = text } }],
    };

    /// <summary>
    /// The status and OperationOutcome of a failure the request caused, the one mapping of exceptions to answers
    /// (the error handler, batch entries and import jobs all use it); null for anything unexpected, which the caller
    /// answers as a 500 with a correlation id, never the exception's text.
    /// </summary>
    public static (int Status, OperationOutcome Outcome)? ForFailure(Exception exception) => exception switch
    {
        Engine.TerminologyException t => (StatusForRequestFailure(t.IssueType), Error(t.IssueType, t.Message, t.MessageId, t.Expression, t.TxIssueType)),
        FhirHttpException h => (h.Status, Error(h.IssueType, h.Message)),
        // Another writer (often another process on the same database) stored a new version meanwhile: nothing was written.
        Storage.ResourceVersionConflictException c => (StatusCodes.Status409Conflict, Error(OperationOutcome.IssueType.Conflict, c.Message)),
        // A value that parsed leniently but is not valid for its type (valueBoolean "yes"), met when it is read.
        Hl7.Fhir.Validation.CodedValidationException v => (StatusCodes.Status400BadRequest, Error(OperationOutcome.IssueType.Invalid, $"Invalid value in the request: {v.Message}")),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, Error(OperationOutcome.IssueType.TooLong, "The request body is larger than this server accepts.")),
        BadHttpRequestException b => (b.StatusCode, Error(OperationOutcome.IssueType.Invalid, "The HTTP request is malformed.")),
        _ => null,
    };

    /// <summary>
    /// The status for a failure the request caused (a <see cref="Engine.TerminologyException"/>). Such a failure is
    /// a 4xx even when its issue type is <c>exception</c>, as tx.fhir.org types a failed version check.
    /// </summary>
    public static int StatusForRequestFailure(OperationOutcome.IssueType type) =>
        StatusFor(type) is var status && status >= StatusCodes.Status500InternalServerError ? StatusCodes.Status400BadRequest : status;

    public static int StatusFor(OperationOutcome.IssueType type) => type switch
    {
        OperationOutcome.IssueType.NotFound => StatusCodes.Status404NotFound,
        OperationOutcome.IssueType.TooCostly => StatusCodes.Status422UnprocessableEntity,
        OperationOutcome.IssueType.BusinessRule => StatusCodes.Status422UnprocessableEntity,
        OperationOutcome.IssueType.Processing => StatusCodes.Status422UnprocessableEntity,
        OperationOutcome.IssueType.Conflict => StatusCodes.Status409Conflict,
        OperationOutcome.IssueType.Duplicate => StatusCodes.Status409Conflict,
        OperationOutcome.IssueType.Login or OperationOutcome.IssueType.Security => StatusCodes.Status401Unauthorized,
        OperationOutcome.IssueType.Forbidden => StatusCodes.Status403Forbidden,
        OperationOutcome.IssueType.TooLong => StatusCodes.Status413PayloadTooLarge,
        OperationOutcome.IssueType.Exception or OperationOutcome.IssueType.Transient => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };
}
