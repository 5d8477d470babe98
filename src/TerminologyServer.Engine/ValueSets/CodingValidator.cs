using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>One coding to check, with the FHIRPath of the element it came from ("" for the bare code parameters).</summary>
internal sealed record CodingInput(string? System, string? Version, string? Code, string? Display, string Path)
{
    public string At(string element) => Path.Length == 0 ? element : $"{Path}.{element}";

    /// <summary>Where issues about the coding as a whole point.</summary>
    public string Whole => Path.Length == 0 ? "code" : Path;
}

/// <summary>What the check of one coding found.</summary>
internal sealed record CodingOutcome(bool Valid, string? System, string? Code, CodeSystemIndex? CodeSystem, Concept? Concept, string? Display, string? Status);

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
    public List<string> UnknownSystems { get; } = [];
    public List<string> CausedByUnknownSystems { get; } = [];

    public CodingOutcome Validate(CodingInput input, bool inCodeableConcept)
    {
        var errorsBefore = issues.ErrorCount;
        var code = input.Code;
        if (string.IsNullOrEmpty(code))
        {
            issues.Error(IssueType.Invalid, "invalid-data", "No code was provided, so nothing can be validated.", input.At("code"));
            return Invalid(input);
        }

        var system = input.System;
        if (string.IsNullOrEmpty(system))
        {
            system = InferSystem(input, code);
            if (system is null)
            {
                return Invalid(input);
            }
        }

        var member = valueSet?.Find(system, code);
        if (member is not null && input.Version is not null && !VersionRules.Matches(input.Version, member.System.Version))
        {
            member = null;
        }

        var cs = member?.System ?? ResolveCodeSystem(input, system, code);
        if (cs is null)
        {
            return Invalid(input with { System = system });
        }

        var concept = member?.Concept ?? cs.Find(code);
        if (concept is null && member is null)
        {
            issues.Error(IssueType.CodeInvalid, "invalid-code", $"Unknown code '{code}' in the CodeSystem '{system}' version '{cs.Version}'", input.At("code"));
        }

        if (member is not null && concept is { IsInactive: true } && IsActiveOnly())
        {
            issues.Error(IssueType.BusinessRule, "code-rule", $"The concept '{code}' is valid but is not active", input.At("code"));
            member = null;
        }

        if (valueSet is not null && member is null)
        {
            NotInValueSet(input, system, code, inCodeableConcept);
        }

        var item = member ?? (concept is null ? null : new ExpansionItem(cs, concept.Code, concept, null));
        string? display = null;
        string? status = null;
        if (item is not null)
        {
            var designations = ConceptPresenter.Designations(item, supplements);
            display = ConceptPresenter.Display(item, designations, request.DisplayLanguage);
            if (request.ValueSetMembershipOnly != true)
            {
                status = CheckStatus(input, item);
                CheckDisplay(input, item, designations, display);
            }
        }

        // In a CodeableConcept a non-member coding is only information, so membership is checked here too.
        var valid = issues.ErrorCount == errorsBefore && (valueSet is null || member is not null);
        return new CodingOutcome(valid, system, item?.Code ?? code, cs, concept, display, status);
    }

    /// <summary>A bare code sent with a value set: the one code system of the value set that has it.</summary>
    private string? InferSystem(CodingInput input, string code)
    {
        if (valueSet is null)
        {
            issues.Error(
                IssueType.Invalid,
                "invalid-data",
                "Coding has no system. A code with no system has no defined meaning, and it cannot be validated. A system should be provided",
                input.At("system"));
            return null;
        }

        var candidates = valueSet.Systems().Where(s => valueSet.Find(s.Url, code) is not null).Select(s => s.Url).Distinct().ToList();
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        issues.Error(
            IssueType.NotFound,
            "cannot-infer",
            $"The System URI could not be determined for the code '{code}' in the ValueSet '{valueSetLabel}'",
            input.At("code"));
        NotInValueSet(input, "", code, inCodeableConcept: false);
        return null;
    }

    private CodeSystemIndex? ResolveCodeSystem(CodingInput input, string system, string code)
    {
        CodeSystemIndex? cs;
        try
        {
            cs = context.Versions.Resolve(context.CodeSystems, system, input.Version, "the code cannot be validated");
        }
        catch (TerminologyException ex)
        {
            issues.Error(ex.IssueType, ex.TxIssueType ?? "not-found", ex.Message, input.At(input.Version is null ? "system" : "version"));
            if (valueSet is not null)
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

        issues.Error(IssueType.NotFound, "not-found", $"A definition for CodeSystem '{system}' could not be found, so the code cannot be validated", input.At("system"));
        UnknownSystems.Add(system);
        if (valueSet is not null)
        {
            NotInValueSet(input, system, code, inCodeableConcept: false);
        }

        return null;
    }

    private void NotInValueSet(CodingInput input, string system, string code, bool inCodeableConcept)
    {
        var text = $"The provided code '{system}#{code}' was not found in the value set '{valueSetLabel}'";
        if (inCodeableConcept)
        {
            issues.Add(OperationOutcome.IssueSeverity.Information, IssueType.CodeInvalid, "this-code-not-in-vs", text, input.At("code"));
        }
        else
        {
            issues.Error(IssueType.CodeInvalid, "not-in-vs", text, input.At("code"));
        }

        foreach (var missing in context.MissingSystems.Where(m => Canonical.Split(m).Url == system))
        {
            CausedByUnknownSystems.Add(missing);
        }
    }

    private bool IsActiveOnly() => valueSet?.Source.Compose?.Inactive == false;

    private string? CheckStatus(CodingInput input, ExpansionItem item)
    {
        if (item.Concept is not { } concept)
        {
            return null;
        }

        if (request.Abstract == false && concept.IsAbstract)
        {
            issues.Error(IssueType.BusinessRule, "code-rule", $"Code '{item.Code}' is abstract, and not allowed in this context", input.At("code"));
        }

        if (!concept.IsInactive)
        {
            return null;
        }

        var status = concept.PropertiesNamed("status").FirstOrDefault()?.Value ?? "inactive";
        var described = status == "inactive" ? "inactive" : $"{status} and inactive";
        issues.Warning(IssueType.BusinessRule, "code-comment", $"The concept '{item.Code}' has a status of {described} and its use should be reviewed", input.Whole);
        return status;
    }

    /// <summary>
    /// The display must be one the concept has (its display, the value set's, or a designation); a wrong one
    /// is an error, or a warning with lenient-display-validation, naming the right display.
    /// </summary>
    private void CheckDisplay(CodingInput input, ExpansionItem item, IReadOnlyList<Designation> designations, string? preferred)
    {
        var given = input.Display;
        if (string.IsNullOrEmpty(given))
        {
            return;
        }

        var valid = new[] { item.Display, item.Concept?.Display }.Concat(designations.Select(d => d.Value)).OfType<string>().ToList();
        if (valid.Count == 0 || valid.Any(v => v.Equals(given, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var wrongWhitespace = valid.Any(v => NormalizeSpace(v).Equals(NormalizeSpace(given), StringComparison.OrdinalIgnoreCase));
        var language = item.System.Info.Language is { } l ? $" ({l})" : "";
        var text = $"{(wrongWhitespace ? "Wrong whitespace in Display Name" : "Wrong Display Name")} '{given}' for {item.System.Url}#{item.Code}. "
            + $"Valid display is '{preferred}'{language} (for the language(s) '{request.DisplayLanguage ?? "--"}')";
        var severity = request.LenientDisplayValidation == true ? OperationOutcome.IssueSeverity.Warning : OperationOutcome.IssueSeverity.Error;
        issues.Add(severity, IssueType.Invalid, "invalid-display", text, input.At("display"));
    }

    private static string NormalizeSpace(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static CodingOutcome Invalid(CodingInput input) => new(false, input.System, input.Code, null, null, null, null);
}
