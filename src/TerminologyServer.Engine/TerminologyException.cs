using Hl7.Fhir.Model;

namespace TerminologyServer.Engine;

/// <summary>
/// A failure the client caused or can act on. Carries the FHIR issue type and a stable message id;
/// the HTTP layer turns it into an OperationOutcome with the matching status code.
/// </summary>
public class TerminologyException(OperationOutcome.IssueType issueType, string messageId, string message)
    : Exception(message)
{
    public OperationOutcome.IssueType IssueType { get; } = issueType;

    /// <summary>Stable identifier of the message (never match on the text).</summary>
    public string MessageId { get; } = messageId;

    /// <summary>FHIRPath expressions locating the problem in the request, when known.</summary>
    public IReadOnlyList<string> Expression { get; init; } = [];

    /// <summary>
    /// The code from http://hl7.org/fhir/tools/CodeSystem/tx-issue-type that classifies the problem
    /// (<c>not-found</c>, <c>version-error</c>, <c>vs-invalid</c>…), when there is one.
    /// </summary>
    public string? TxIssueType { get; init; }

    public static TerminologyException NotFound(string messageId, string message) =>
        new(OperationOutcome.IssueType.NotFound, messageId, message);

    public static TerminologyException Invalid(string messageId, string message) =>
        new(OperationOutcome.IssueType.Invalid, messageId, message);

    public static TerminologyException NotSupported(string messageId, string message) =>
        new(OperationOutcome.IssueType.NotSupported, messageId, message);
}
