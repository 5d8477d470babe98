using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Validate;

/// <summary>
/// <c>$validate-code</c> on a value set (https://hl7.org/fhir/R4/valueset-operation-validate-code.html) and on
/// a code system (https://hl7.org/fhir/R4/codesystem-operation-validate-code.html). Membership is tested on
/// the compiled compose, so a large value set is never expanded to check one code.
/// </summary>
public sealed class ValueSetValidator(ValueSetEngineOptions? options = null)
{
    private readonly ValueSetEngineOptions _options = options ?? new ValueSetEngineOptions();
    private readonly CompiledValueSetCache _compiled = new();

    /// <summary>How many times a stored value set had to be compiled for <see cref="ValidateCode"/> (cache misses).</summary>
    internal long CachedCompiles => _compiled.Compiles;

    /// <summary>
    /// Validates the code, coding or codeable concept of <paramref name="request"/> against the value set it
    /// names. A code that is not valid is answered with <see cref="ValidateCodeResult.Result"/> false; only an
    /// unknown or broken value set (or bad request) throws a <see cref="TerminologyException"/>.
    /// </summary>
    public ValidateCodeResult ValidateCode(ValidateCodeRequest request, IValueSetProvider valueSets, ICodeSystemProvider codeSystems, CancellationToken cancellationToken = default)
    {
        var vs = ValueSetResolver.Resolve(request.ValueSet, request.Url, request.ValueSetVersion, valueSets, codeSystems);
        var (compiled, context) = _compiled.Get(vs, request, valueSets, codeSystems, (cs, vss) => NewContext(request, cs, vss, cancellationToken), cancellationToken);
        if (context.MissingValueSets.Count > 0)
        {
            return MissingImports(context.MissingValueSets, request.CodeableConcept);
        }

        var label = vs.Url is null ? "(unidentified)" : vs.Version is null ? vs.Url : $"{vs.Url}|{vs.Version}";
        var supplements = SupplementSet.Select(codeSystems, context.UsedSystems, request.UseSupplements.Concat(SupplementSet.NamedBy(vs)));
        return Run(request, context, compiled, label, supplements, defaultSystem: null);
    }

    /// <summary>
    /// Validates a code against a code system: <see cref="ValidateCodeRequest.Url"/> names the code system,
    /// <see cref="ValidateCodeRequest.SystemVersion"/> its version. An unknown code system or code is a
    /// result of false with issues.
    /// </summary>
    public ValidateCodeResult ValidateCodeInCodeSystem(ValidateCodeRequest request, ICodeSystemProvider codeSystems, CancellationToken cancellationToken = default)
    {
        var context = NewContext(request, codeSystems, EmptyValueSets.Instance, cancellationToken);
        var supplements = request.UseSupplements.Count == 0 || request.Url is null
            ? SupplementSet.Empty
            : SupplementSet.Select(codeSystems, codeSystems.Versions(request.Url), request.UseSupplements);
        return Run(request, context, null, null, supplements, request.Url);
    }

    private static void NoteContentStatus(EvaluationContext context, IssueCollector issues)
    {
        foreach (var (status, canonical, kind) in ContentStatus.Warnings(context))
        {
            issues.Add(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.BusinessRule, "status-check", $"Reference to {status} {kind} {canonical}", null, $"MSG_{status.ToUpperInvariant()}", inMessage: false);
        }
    }

    /// <summary>A value set whose imports cannot all be found cannot say whether any code is in it.</summary>
    private static ValidateCodeResult MissingImports(IEnumerable<string> missing, CodeableConcept? codeableConcept)
    {
        var issues = new IssueCollector();
        foreach (var m in missing.Distinct())
        {
            issues.Error(OperationOutcome.IssueType.NotFound, "not-found", $"A definition for the value Set '{m}' could not be found", null, "Unable_to_resolve_value_Set_");
        }

        return new ValidateCodeResult { Result = false, Message = issues.Message(), Issues = issues.ToOutcome(), CodeableConcept = codeableConcept };
    }

    private EvaluationContext NewContext(ValidateCodeRequest request, ICodeSystemProvider codeSystems, IValueSetProvider valueSets, CancellationToken cancellationToken) =>
        new(
            codeSystems,
            valueSets,
            new VersionRules(request.SystemVersions, request.CheckSystemVersions, request.ForceSystemVersions),
            request.DefaultValueSetVersions,
            _options,
            cancellationToken)
        {
            Lenient = true,
        };

    private static ValidateCodeResult Run(
        ValidateCodeRequest request, EvaluationContext context, CompiledValueSet? compiled, string? label,
        SupplementSet supplements, string? defaultSystem)
    {
        var issues = new IssueCollector();
        var validator = new CodingValidator(request, context, compiled, label, supplements, issues);

        if (request.CodeableConcept is { } cc)
        {
            return ValidateCodeableConcept(cc, compiled, label, validator, issues);
        }

        var input = request.Coding is { } coding
            ? new CodingInput(coding.System ?? defaultSystem, coding.Version ?? request.SystemVersion, coding.Code, coding.Display ?? request.Display, "Coding")
            : new CodingInput(request.System ?? defaultSystem, request.SystemVersion, request.Code, request.Display, "");
        if (input.Code is null && request.Coding is null)
        {
            throw TerminologyException.Invalid("VALIDATE_NO_CODE", "No code to validate: give code (with system), coding or codeableConcept.");
        }

        var outcome = validator.Validate(input, inCodeableConcept: false);
        NoteContentStatus(context, issues);
        return Result(outcome, outcome.Valid && issues.ErrorCount == 0, issues, validator, codeableConcept: null);
    }

    /// <summary>Valid when a coding is and no coding is in error; the problems of every coding are reported.</summary>
    private static ValidateCodeResult ValidateCodeableConcept(
        CodeableConcept cc, CompiledValueSet? compiled, string? label, CodingValidator validator, IssueCollector issues)
    {
        if (cc.Coding.Count == 0)
        {
            throw TerminologyException.Invalid("VALIDATE_NO_CODE", "The codeableConcept has no coding to validate.");
        }

        var outcomes = cc.Coding
            .Select((c, i) => validator.Validate(new CodingInput(c.System, c.Version, c.Code, c.Display, $"CodeableConcept.coding[{i}]"), inCodeableConcept: compiled is not null))
            .ToList();
        var valid = outcomes.FirstOrDefault(o => o.Valid);
        NoteContentStatus(validator.Context, issues);
        var checkedMembership = issues.Issues.Any(i => i.Details?.Coding.FirstOrDefault()?.Code == "this-code-not-in-vs");
        if (compiled is not null && !outcomes.Any(o => o.IsMember) && checkedMembership)
        {
            var noneValid = new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = OperationOutcome.IssueType.CodeInvalid,
                Details = new CodeableConcept(IssueCollector.TxIssueTypeSystem, "not-in-vs")
                {
                    Text = $"No valid coding was found for the value set '{label}'",
                },
            };
            noneValid.AddExtension(IssueCollector.MessageIdExtension, new FhirString("TX_GENERAL_CC_ERROR_MESSAGE"));
            issues.Issues.Insert(0, noneValid);
            return Result(null, false, issues, validator, cc);
        }

        // Without a valid coding, the first known concept still names its display (as tx.fhir.org answers),
        // unless the value set draws its system from a version the server lacks: then nothing can be said of it.
        var missing = validator.Context.MissingSystems.Select(m => Canonical.Split(m).Url).ToHashSet(StringComparer.Ordinal);
        var chosen = valid ?? outcomes.FirstOrDefault(o => o.Concept is not null && (o.System is null || !missing.Contains(o.System)));
        // Valid when a coding is, unless another coding is in error (an unknown code, a wrong display): the
        // concept as a whole then carries a mistake, and tx.fhir.org answers false.
        return Result(chosen, valid is not null && issues.ErrorCount == 0, issues, validator, cc);
    }

    private static ValidateCodeResult Result(CodingOutcome? outcome, bool valid, IssueCollector issues, CodingValidator validator, CodeableConcept? codeableConcept) => new()
    {
        Result = valid,
        // The code is echoed as given; the code system's form of it, when it differs by case, is the normalized-code.
        Code = outcome?.GivenCode ?? outcome?.Code,
        System = outcome?.System,
        Version = outcome?.CodeSystem?.Version,
        Display = outcome?.Display,
        Message = issues.Message(),
        Issues = issues.ToOutcome(),
        Inactive = outcome?.Concept?.IsInactive == true ? true : null,
        NormalizedCode = outcome is { GivenCode: { } given, Code: { } normal } && given != normal ? normal : null,
        Status = outcome?.Status,
        CodeableConcept = codeableConcept,
        UnknownSystems = validator.UnknownSystems.Distinct().ToList(),
        CausedByUnknownSystems = validator.CausedByUnknownSystems.Distinct().ToList(),
    };

    /// <summary>A code system operation uses no value sets.</summary>
    private sealed class EmptyValueSets : IValueSetProvider
    {
        public static readonly EmptyValueSets Instance = new();

        public ValueSet? Find(string url, string? version = null) => null;

        public IReadOnlyList<ValueSet> Versions(string url) => [];
    }
}
