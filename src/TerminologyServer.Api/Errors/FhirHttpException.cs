using Hl7.Fhir.Model;

namespace TerminologyServer.Api.Errors;

/// <summary>A request the HTTP layer itself refuses (media type, body size, id mismatch…), with its status code.</summary>
public sealed class FhirHttpException(int status, OperationOutcome.IssueType issueType, string message) : Exception(message)
{
    public int Status { get; } = status;
    public OperationOutcome.IssueType IssueType { get; } = issueType;

    public static FhirHttpException BadRequest(string message) => new(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, message);
}
