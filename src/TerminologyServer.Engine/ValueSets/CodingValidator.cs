using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// Checks one coding: system known, code known, member of the value set (without expanding it), display
/// right, status and abstractness. Every problem becomes an issue; nothing here throws for a bad code.
/// </summary>
internal sealed class CodingValidator(
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
        if (concept is null && member is null && !grammarReported)
        {
            if (partial)
            {
                // The server holds only part of the code system: an unknown code may well exist.
                issues.Add(
                    OperationOutcome.IssueSeverity.Warning,
                    IssueType.CodeInvalid,
                    "invalid-code",
                    $"Unknown Code '{code}' in the CodeSystem '{system}' version '{cs.Version}' - note that the code system is labeled as a fragment, so the code may be valid in some other fragment",
                    input.At("code"),
                    "UNKNOWN_CODE_IN_FRAGMENT",
                    inMessage: false);
                return new CodingOutcome(issues.ErrorCount == errorsBefore, system, code, cs, null, null, null, code, valueSet is not null);
            }

            issues.Error(IssueType.CodeInvalid, "invalid-code", $"Unknown code '{code}' in the CodeSystem '{system}' version '{cs.Version}'", input.At("code"), "Unknown_Code_in_Version");
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

    /// <summary>
    /// When the value set pins a version of <paramref name="system"/> that the coding's version does not fit,
    /// reports it and returns the pinned version (null when there is no conflict).
    /// </summary>
    private CodeSystemIndex? VersionConflict(CodingInput input, string system, CodeSystemIndex stated)
    {
        var versions = valueSet!.IncludeVersions(system).ToList();
        if (versions.Count == 0 || versions.Any(v => v.Stated is null || VersionRules.Matches(v.Stated, stated.Version)))
        {
            return null;
        }

        var pinned = versions[0].Stated!;
        IncludeVersionMismatch(input, system, versions[0]);
        var resolved = VersionRules.FindMatching(context.CodeSystems, system, pinned);
        if (resolved is null)
        {
            var missing = $"{system}|{pinned}";
            issues.Error(
                IssueType.NotFound,
                "not-found",
                $"A definition for CodeSystem '{system}' version '{pinned}' could not be found, so the code cannot be validated. Valid versions: {string.Join(" or ", context.CodeSystems.Versions(system).Select(v => v.Version).Order(StringComparer.Ordinal))}",
                input.At("system"),
                "UNKNOWN_CODESYSTEM_VERSION");
            CausedByUnknownSystems.Add(missing);
        }

        return resolved ?? stated;
    }

    /// <summary>The coding states a version the server does not hold: say which version the value set would have used.</summary>
    private void UnknownStatedVersion(CodingInput input, string system)
    {
        var versions = valueSet?.IncludeVersions(system).ToList() ?? [];
        if (versions.Count == 0)
        {
            return;
        }

        if (versions.FirstOrDefault(v => v.Stated is not null) is { Stated: not null } pinned)
        {
            IncludeVersionMismatch(input, system, pinned);
        }
        else if (context.CodeSystems.Find(system) is { } latest)
        {
            issues.Add(
                OperationOutcome.IssueSeverity.Warning,
                IssueType.Invalid,
                "vs-invalid",
                $"The code system '{system}' version '{latest.Version}' for the versionless include in the ValueSet include is different to the one in the value ('{input.Version}')",
                input.At("version"),
                "VALUESET_VALUE_MISMATCH_DEFAULT",
                inMessage: false);
        }
    }

    /// <summary>
    /// The coding's version is not the one the include asks for. When a version parameter of the request changed
    /// what the include names, the message says so and shows the parameter's version as given (a pattern stays one).
    /// </summary>
    private void IncludeVersionMismatch(CodingInput input, string system, (string? Stated, string? Written) include)
    {
        var stated = include.Stated!;
        if (stated != include.Written)
        {
            issues.Error(
                IssueType.Invalid,
                "vs-invalid",
                $"The code system '{system}' version '{stated}' resulting from the version '{include.Written}' in the ValueSet include is different to the one in the value ('{input.Version}')",
                input.At("version"),
                "VALUESET_VALUE_MISMATCH_CHANGED");
            return;
        }

        var resolved = VersionRules.FindMatching(context.CodeSystems, system, stated)?.Version ?? stated;
        issues.Error(
            IssueType.Invalid,
            "vs-invalid",
            $"The code system '{system}' version '{resolved}' in the ValueSet include is different to the one in the value ('{input.Version}')",
            input.At("version"),
            "VALUESET_VALUE_MISMATCH");
    }

    private void CheckVersionRule(CodingInput input, CodeSystemIndex cs)
    {
        try
        {
            context.Versions.Check(cs);
        }
        catch (TerminologyException ex)
        {
            issues.Error(ex.IssueType, ex.TxIssueType ?? "version-error", ex.Message, input.At("version"), ex.MessageId);
        }
    }

    /// <summary>A system must be an absolute URI of a code system; a value set url or a local name is a mistake worth naming.</summary>
    private bool CheckSystemUri(CodingInput input, string system, string code, bool inCodeableConcept)
    {
        if (context.CodeSystems.Find(system) is not null)
        {
            return true;
        }

        if (context.ValueSets.Find(system) is not null)
        {
            issues.Error(IssueType.Invalid, "invalid-data", $"The Coding references a value set, not a code system ('{system}')", input.At("system"));
            if (valueSet is not null)
            {
                NotInValueSet(input, system, code, inCodeableConcept);
            }

            return false;
        }

        // Only reached for a system the server does not hold as a code system, so the scan is off the hot path.
        if (context.CodeSystems.All().FirstOrDefault(c => c.IsSupplement && c.Url == system) is { } supplement)
        {
            issues.Error(
                IssueType.Invalid,
                "invalid-data",
                $"CodeSystem {supplement} is a supplement, so can't be used as a value in Coding.system",
                input.At("system"),
                "CODESYSTEM_CS_NO_SUPPLEMENT");
            CausedByUnknownSystems.Add(system);
            return false;
        }

        if (!system.Contains(':', StringComparison.Ordinal))
        {
            issues.Error(IssueType.Invalid, "invalid-data", "Coding.system must be an absolute reference, not a local reference", input.At("system"));
        }

        return true;
    }

    /// <summary>A bare code sent with a value set: the one code system of the value set that has it.</summary>
    private string? InferSystem(CodingInput input, string code, bool inCodeableConcept)
    {
        if (valueSet is null || (input.Path.Length > 0 && request.InferSystem != true))
        {
            // With a value set, the code not being in it is the error; the missing system is a warning on the coding.
            issues.Add(
                valueSet is null ? OperationOutcome.IssueSeverity.Error : OperationOutcome.IssueSeverity.Warning,
                IssueType.Invalid,
                "invalid-data",
                "Coding has no system. A code with no system has no defined meaning, and it cannot be validated. A system should be provided",
                valueSet is null ? input.At("system") : input.Whole,
                "Coding_has_no_system__cannot_validate");
            if (valueSet is not null)
            {
                NotInValueSet(input, "", code, inCodeableConcept);
            }

            return null;
        }

        var candidates = valueSet.Systems().Where(s => valueSet.Find(s.Url, code) is not null).Select(s => s.Url).Distinct().ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var multiple = candidates.Count > 1 ? $": value set expansion has multiple matches: [{string.Join(", ", candidates.Order(StringComparer.Ordinal))}]" : "";
        issues.Error(
            IssueType.NotFound,
            "cannot-infer",
            $"The System URI could not be determined for the code '{code}' in the ValueSet '{valueSetLabel}'{multiple}",
            input.At("code"),
            "Unable_to_resolve_system__value_set_has_multiple_matches");
        NotInValueSet(input, "", code, inCodeableConcept);
        return null;
    }

    private CodeSystemIndex? ResolveCodeSystem(CodingInput input, string system, string code, bool inCodeableConcept, bool applyRules = true)
    {
        CodeSystemIndex? cs;
        try
        {
            var rules = applyRules ? context.Versions : VersionRules.None;
            cs = rules.Resolve(context.CodeSystems, system, input.Version, "the code cannot be validated", check: false, messageId: "UNKNOWN_CODESYSTEM_VERSION");
        }
        catch (TerminologyException ex)
        {
            issues.Error(ex.IssueType, ex.TxIssueType ?? "not-found", ex.Message, input.At("system"), ex.MessageId);
            if (!applyRules)
            {
                CausedByUnknownSystems.Add($"{system}|{input.Version}");
            }
            else if (valueSet is not null)
            {
                var missing = input.Version is null ? system : $"{system}|{input.Version}";
                issues.Warning(
                    IssueType.NotFound,
                    "vs-invalid",
                    $"Unable to check whether the code is in the value set '{valueSetLabel}' because the code system {missing} was not found",
                    input.At("system"));
                CausedByUnknownSystems.Add(missing);
            }

            return null;
        }

        if (cs is not null)
        {
            return cs;
        }

        if (input.Version is null)
        {
            issues.Error(IssueType.NotFound, "not-found", $"A definition for CodeSystem '{system}' could not be found, so the code cannot be validated", input.At("system"), "UNKNOWN_CODESYSTEM");
        }
        else
        {
            issues.Error(
                IssueType.NotFound,
                "not-found",
                $"A definition for CodeSystem '{system}' version '{input.Version}' could not be found, so the code cannot be validated. No versions of this code system are known",
                input.At("system"),
                "UNKNOWN_CODESYSTEM_VERSION_NONE");
        }

        UnknownSystems.Add(system);
        if (valueSet is not null)
        {
            NotInValueSet(input, system, code, inCodeableConcept);
        }

        return null;
    }

    private void NotInValueSet(CodingInput input, string system, string code, bool inCodeableConcept)
    {
        // When the value set draws this system from a version the server does not hold, that is the real answer.
        var missingVersions = context.MissingSystems.Where(m => Canonical.Split(m) is var (url, version) && url == system && version is not null).ToList();
        if (missingVersions.Count > 0)
        {
            foreach (var missing in missingVersions)
            {
                var (_, version) = Canonical.Split(missing);
                issues.Error(
                    IssueType.NotFound,
                    "not-found",
                    $"A definition for CodeSystem '{system}' version '{version}' could not be found, so the code cannot be validated. Valid versions: {string.Join(" or ", context.CodeSystems.Versions(system).Select(v => v.Version).Order(StringComparer.Ordinal))}",
                    input.At("system"),
                    "UNKNOWN_CODESYSTEM_VERSION");
                CausedByUnknownSystems.Add(missing);
            }

            return;
        }

        var coded = input.Version is null ? $"{system}#{code}" : $"{system}|{input.Version}#{code}";
        var shown = string.IsNullOrEmpty(input.Display) ? coded : $"{coded} ('{input.Display}')";
        var text = $"The provided code '{shown}' was not found in the value set '{valueSetLabel}'";
        if (inCodeableConcept)
        {
            issues.Add(OperationOutcome.IssueSeverity.Information, IssueType.CodeInvalid, "this-code-not-in-vs", text, input.At("code"), NotInValueSetId, inMessage: false);
        }
        else
        {
            issues.Error(IssueType.CodeInvalid, "not-in-vs", text, input.At("code"), NotInValueSetId);
        }

        foreach (var missing in context.MissingSystems.Where(m => Canonical.Split(m).Url == system))
        {
            CausedByUnknownSystems.Add(missing);
        }
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
        var status = concept.PropertiesNamed("status").FirstOrDefault()?.Value;
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
}
