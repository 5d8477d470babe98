using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// Reports what the code system's own grammar and rules say about a code (CPT expressions and modifier rules,
/// see <see cref="ICodeSystemBehaviour"/>; the computed code systems report nothing here) as issues of <c>$validate-code</c>.
/// </summary>
internal static class GrammarCheck
{
    /// <summary>Adds the issues; true when there were any, so the caller does not add a generic unknown-code issue too.</summary>
    public static bool Report(IssueCollector issues, CodingInput input, CodeSystemIndex cs, string code, Concept? concept)
    {
        if (cs.Behaviour is not { } behaviour)
        {
            return false;
        }

        var found = behaviour.Check(cs, code);
        foreach (var issue in found)
        {
            issues.Add(
                issue.IsError ? OperationOutcome.IssueSeverity.Error : OperationOutcome.IssueSeverity.Warning,
                OperationOutcome.IssueType.CodeInvalid,
                "invalid-code",
                issue.Text,
                input.At("code"),
                issue.MessageId);
        }

        // A code resolved by the behaviour without a display of its own is an expression (CPT); a code of a grammar
        // (UCUM, BCP-47) has its display, checked like any other.
        if (concept is { Index: < 0, Display: null } && !string.IsNullOrEmpty(input.Display))
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

        return found.Count > 0;
    }
}
