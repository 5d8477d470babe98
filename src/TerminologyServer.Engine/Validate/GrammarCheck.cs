using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Validate;

/// <summary>
/// Reports what the code system's own grammar and rules say about a code (CPT expressions and modifier rules,
/// see <see cref="ICodeSystemBehaviour"/>; the computed code systems report nothing here) as issues of <c>$validate-code</c>.
/// </summary>
internal static class GrammarCheck
{
    /// <summary>Adds the issues; true when there were any, so the caller does not add a generic unknown-code issue too.</summary>
    public static bool Report(IssueCollector issues, CodingInput input, CodeSystemIndex cs, string code, Concept? concept) =>
        Report(issues, input, cs, code, concept, notes: false);

    /// <summary>
    /// Adds the behaviour's notes on the code (SNOMED CT: why a string is not a valid expression, what was checked),
    /// after the other issues; only a code system's $validate-code reports them.
    /// </summary>
    public static void Notes(IssueCollector issues, CodingInput input, CodeSystemIndex cs, string code) =>
        Report(issues, input, cs, code, concept: null, notes: true);

    private static bool Report(IssueCollector issues, CodingInput input, CodeSystemIndex cs, string code, Concept? concept, bool notes)
    {
        if (cs.Behaviour is not { } behaviour)
        {
            return false;
        }

        var found = behaviour.Check(cs, code);
        foreach (var issue in found)
        {
            if (issue.Informational != notes)
            {
                continue;
            }

            issues.Add(
                issue.Informational ? OperationOutcome.IssueSeverity.Information : issue.IsError ? OperationOutcome.IssueSeverity.Error : OperationOutcome.IssueSeverity.Warning,
                issue.IssueType ?? OperationOutcome.IssueType.CodeInvalid,
                issue.TxIssueType ?? "invalid-code",
                issue.Text,
                input.At("code"),
                issue.MessageId.Length == 0 ? null : issue.MessageId,
                inMessage: !issue.Informational);
        }

        // A code resolved by the behaviour without a display of its own is an expression (CPT); a code of a grammar
        // (UCUM, BCP-47) has its display, checked like any other.
        if (!notes && concept is { Index: < 0, Display: null } && !string.IsNullOrEmpty(input.Display))
        {
            issues.Add(
                OperationOutcome.IssueSeverity.Warning,
                OperationOutcome.IssueType.BusinessRule,
                "display-comment",
                $"'{code}' is a post-coordinated expression, which has no display, so the display '{input.Display}' is not checked",
                input.At("display"),
                "EXPRESSION_HAS_NO_DISPLAY",
                inMessage: false);
        }

        return found.Any(i => !i.Informational);
    }
}
