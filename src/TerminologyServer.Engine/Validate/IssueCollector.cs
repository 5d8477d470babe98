using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Validate;

/// <summary>
/// Builds the <c>issues</c> OperationOutcome of <c>$validate-code</c>: one issue per problem, classified with
/// a code from http://hl7.org/fhir/tools/CodeSystem/tx-issue-type and located by a FHIRPath expression.
/// </summary>
internal sealed class IssueCollector
{
    public const string TxIssueTypeSystem = "http://hl7.org/fhir/tools/CodeSystem/tx-issue-type";

    private readonly HashSet<OperationOutcome.IssueComponent> _notInMessage = [];

    public List<OperationOutcome.IssueComponent> Issues { get; } = [];

    public int ErrorCount => Issues.Count(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);

    public const string MessageIdExtension = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

    /// <summary>
    /// Adds an issue. <paramref name="messageId"/> is tx.fhir.org's id of the message, sent only when it is exactly that id.
    /// A comment on the context rather than on the code (<paramref name="inMessage"/> false) stays out of <c>message</c>.
    /// </summary>
    public void Add(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType code, string txIssueType, string text, string? expression, string? messageId = null, bool inMessage = true)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = severity,
            Code = code,
            Details = new CodeableConcept(TxIssueTypeSystem, txIssueType) { Text = text },
        };
        if (messageId is not null)
        {
            issue.AddExtension(MessageIdExtension, new FhirString(messageId));
        }

        if (expression is not null)
        {
            issue.Expression = [expression];
        }

        Issues.Add(issue);
        if (!inMessage)
        {
            _notInMessage.Add(issue);
        }
    }

    public void Error(OperationOutcome.IssueType code, string txIssueType, string text, string? expression, string? messageId = null) =>
        Add(OperationOutcome.IssueSeverity.Error, code, txIssueType, text, expression, messageId);

    public void Warning(OperationOutcome.IssueType code, string txIssueType, string text, string? expression, string? messageId = null) =>
        Add(OperationOutcome.IssueSeverity.Warning, code, txIssueType, text, expression, messageId);

    /// <summary>The texts of the issues about the code itself, joined by "; "; null when there is nothing to say.</summary>
    public string? Message()
    {
        var chosen = Issues.Where(i => !_notInMessage.Contains(i)).ToList();
        return chosen.Count == 0 ? null : string.Join("; ", chosen.Select(i => i.Details?.Text));
    }

    public OperationOutcome? ToOutcome() => Issues.Count == 0 ? null : new OperationOutcome { Issue = Issues };
}
