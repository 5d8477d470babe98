using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.ValueSets;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace TerminologyServer.Engine.Validate;

/// <summary>
/// Checks one coding: system known, code known, member of the value set (without expanding it), display
/// right, status and abstractness. Every problem becomes an issue; nothing here throws for a bad code.
/// </summary>
internal sealed partial class CodingValidator(
    ValidateCodeRequest request,
    EvaluationContext context,
    CompiledValueSet? valueSet,
    string? valueSetLabel,
    SupplementSet supplements,
    IssueCollector issues)
{
    public EvaluationContext Context => context;

    public List<string> UnknownSystems { get; } = [];
    public List<string> CausedByUnknownSystems { get; } = [];

    public CodingOutcome Validate(CodingInput input, bool inCodeableConcept)
    {
        var errorsBefore = issues.ErrorCount;
        var issuesBefore = issues.Issues.Count;
        var code = input.Code;
        if (string.IsNullOrEmpty(code))
        {
            issues.Error(IssueType.Invalid, "invalid-data", "No code was provided, so nothing can be validated.", input.At("code"));
            return Invalid(input);
        }

        var system = input.System;
        if (string.IsNullOrEmpty(system))
        {
            system = InferSystem(input, code, inCodeableConcept);
            if (system is null)
            {
                return Invalid(input);
            }
        }
        else if (!CheckSystemUri(input, system, code, inCodeableConcept))
        {
            return Invalid(input);
        }

        // A coding that states its version is judged in that version (the request's version rules apply to
        // the value set, not to what the client states); otherwise in the one the value set uses.
        var stated = input.Version is null ? null : ResolveCodeSystem(input, system, code, inCodeableConcept, applyRules: false);
        if (input.Version is not null && stated is null)
        {
            UnknownStatedVersion(input, system);
            return Fallback(input, system, code);
        }

        var member = valueSet?.Find(system, code, stated);
        if (member is not null && stated is null && !string.IsNullOrEmpty(input.Display))
        {
            // Several versions may hold the code: the one whose display the client used answers.
            member = valueSet!.FindAll(system, code).FirstOrDefault(m => m.Display == input.Display || m.Concept?.Display == input.Display) ?? member;
        }

        if (member is null && stated is not null && valueSet is not null && VersionConflict(input, system, stated) is { } pinned)
        {
            // The value set pins another version: report the conflict and answer from the pinned version.
            member = valueSet.Find(system, code);
            stated = member?.System ?? pinned;
        }

        var cs = member?.System ?? stated ?? ResolveCodeSystem(input, system, code, inCodeableConcept);
        if (cs is null)
        {
            return Invalid(input with { System = system });
        }

        if (member is not null || valueSet is null)
        {
            CheckVersionRule(input, cs);
        }

        var concept = member?.Concept ?? cs.Find(code);
        var partial = cs.Info.Content is "fragment" or "example";
        var grammarReported = GrammarCheck.Report(issues, input, cs, code, concept);
        // Asked for membership only, an unknown code is simply not a member (reported below): the code system's
        // own judgement (unknown code, display, status) is not wanted.
        var membershipOnly = request.ValueSetMembershipOnly == true && valueSet is not null;
        if (concept is null && member is null && !grammarReported && !membershipOnly)
        {
            if (partial)
            {
                // The server holds only part of the code system: an unknown code may well exist.
                issues.Add(
                    OperationOutcome.IssueSeverity.Warning,
                    IssueType.CodeInvalid,
                    "invalid-code",
                    $"Unknown Code '{code}' in the CodeSystem '{system}'{InVersion(cs)} - note that the code system is labeled as a fragment, so the code may be valid in some other fragment",
                    input.At("code"),
                    "UNKNOWN_CODE_IN_FRAGMENT",
                    inMessage: false);
                return new CodingOutcome(issues.ErrorCount == errorsBefore, system, code, cs, null, null, null, code, valueSet is not null);
            }

            var label = cs.Behaviour?.VersionLabel(cs) is { } l ? $" ({l})" : "";
            issues.Error(IssueType.CodeInvalid, "invalid-code", $"Unknown code '{code}' in the CodeSystem '{system}'{InVersion(cs)}{label}", input.At("code"), "Unknown_Code_in_Version");
        }

        if (valueSet is null)
        {
            GrammarCheck.Notes(issues, input, cs, code);
        }

        if (member is not null && concept is { IsInactive: true } && IsActiveOnly())
        {
            issues.Error(IssueType.BusinessRule, "code-rule", $"The concept '{code}' is valid but is not active", input.At("code"), "STATUS_CODE_WARNING_CODE");
            member = null;
        }

        if (member is not null && concept is { IsAbstract: true } && request.Abstract == false)
        {
            member = null;
        }

        if (valueSet is not null && member is null && !issues.Issues.Skip(issuesBefore).Any(i => i.Details?.Coding.FirstOrDefault()?.Code == "vs-invalid"))
        {
            NotInValueSet(input, system, code, inCodeableConcept);
        }

        var item = member ?? (concept is null ? null : new ExpansionItem(cs, concept.Code, concept, null));
        string? display = null;
        string? status = null;
        if (item is not null)
        {
            if (item.Code != code)
            {
                issues.Add(
                    OperationOutcome.IssueSeverity.Information,
                    IssueType.BusinessRule,
                    "code-rule",
                    $"The code '{code}' differs from the correct code '{item.Code}' by case. Although the code system '{cs}' is case insensitive, implementers are strongly encouraged to use the correct case anyway",
                    input.At("code"),
                    "CODE_CASE_DIFFERENCE",
                    inMessage: false);
            }

            var designations = ConceptPresenter.Designations(item, supplements);
            display = ConceptPresenter.Display(item, designations, DisplayLanguage);
            if (ContentStatus.EntryStatus(item.Listed) is { } entryStatus)
            {
                issues.Add(
                    OperationOutcome.IssueSeverity.Warning,
                    IssueType.BusinessRule,
                    "code-comment",
                    $"The presence of the concept '{item.Code}' in the system '{item.System.Url}' in the value set {valueSetLabel} is marked with a status of {entryStatus} and its use should be reviewed",
                    input.At("code"),
                    "CONCEPT_DEPRECATED_IN_VALUESET",
                    inMessage: false);
            }

            if (request.ValueSetMembershipOnly != true)
            {
                status = CheckStatus(input, item);
                DisplayCheck.Check(issues, input, item, designations, display, DisplayLanguage, request.LenientDisplayValidation == true);
            }
        }

        // In a CodeableConcept a non-member coding is only information, so membership is checked here too.
        var valid = issues.ErrorCount == errorsBefore && (valueSet is null || member is not null);
        return new CodingOutcome(valid, system, item?.Code ?? code, cs, concept, display, status, code, valueSet is not null && member is not null);
    }

    private const string NotInValueSetId = "None_of_the_provided_codes_are_in_the_value_set_one";

    private bool IsActiveOnly() => request.ActiveOnly == true || valueSet?.Source.Compose?.Inactive == false;

    private string? CheckStatus(CodingInput input, ExpansionItem item)
    {
        if (item.Concept is not { } concept)
        {
            return null;
        }

        if (request.Abstract == false && concept.IsAbstract)
        {
            issues.Error(IssueType.BusinessRule, "code-rule", $"Code '{item.System.Url}#{item.Code}' is abstract, and not allowed in this context", input.At("code"), "ABSTRACT_CODE_NOT_ALLOWED");
        }

        // Only a status the code system states is echoed; an inactive flag alone is answered by 'inactive'.
        var status = ContentStatus.ConceptStatus(concept);
        if (!concept.IsInactive)
        {
            if (status == "deprecated")
            {
                issues.Warning(IssueType.BusinessRule, "code-comment", $"The concept '{item.Code}' is deprecated and its use should be reviewed", input.Whole, "DEPRECATED_CONCEPT_FOUND");
                return status;
            }

            return null;
        }

        var described = status is null or "inactive" ? "inactive" : $"{status} and inactive";
        issues.Warning(IssueType.BusinessRule, "code-comment", $"The concept '{item.Code}' has a status of {described} and its use should be reviewed", input.Whole, "INACTIVE_CONCEPT_FOUND");
        return status;
    }

    /// <summary>The languages displays are judged in: the request's, else the value set's own language.</summary>
    private string? DisplayLanguage => request.DisplayLanguage
        ?? (valueSet is null ? null : ComposeParameters.Get(valueSet.Source, TerminologyParameterNames.DisplayLanguage) ?? valueSet.Source.Language);

    private static CodingOutcome Invalid(CodingInput input) => new(false, input.System, input.Code, null, null, null, null);

    /// <summary>An invalid answer that still names the code's display, from the version the value set or the server would use.</summary>
    private CodingOutcome Fallback(CodingInput input, string system, string code)
    {
        var cs = valueSet?.Find(system, code)?.System ?? context.CodeSystems.Find(system);
        var concept = cs?.Find(code);
        return new CodingOutcome(false, system, concept?.Code ?? code, cs, concept, concept?.Display, null, code);
    }

    // Code systems defined by a grammar (BCP-47, UCUM, ISO 3166…) have no version: say none rather than "version ''".
    private static string InVersion(CodeSystemIndex cs) =>
        string.IsNullOrEmpty(cs.Version) ? "" : $" version '{cs.Version}'";
}
