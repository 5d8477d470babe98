using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using P = TerminologyServer.Engine.ValueSets.TerminologyParameterNames;

namespace TerminologyServer.Api.Operations;

/// <summary>Binds <c>$expand</c> and <c>$validate-code</c> input (query or Parameters) to the engine's requests.</summary>
public static partial class ValueSetParameters
{
    public const string TooCostlyHeader = "X-TOO-COSTLY-THRESHOLD";

    public static ExpansionRequest BindExpand(OperationInput input, HttpRequest http, ValueSet? instance)
    {
        var valueSet = instance ?? input.Resource(P.ValueSet) as ValueSet;
        if (input.Resource(P.ValueSet) is { } r && r is not ValueSet)
        {
            throw FhirHttpException.BadRequest($"The parameter 'valueSet' must carry a ValueSet, not a {r.TypeName}.");
        }

        var url = instance is null ? input.String(P.Url) : null;
        DateParameter.Check(input);
        if (valueSet is null && url is null)
        {
            throw FhirHttpException.BadRequest("$expand needs a value set: a 'url', an inline 'valueSet' (POST), or an instance id (ValueSet/{id}/$expand).");
        }

        return new ExpansionRequest
        {
            Url = url,
            ValueSetVersion = input.String(P.ValueSetVersion),
            ValueSet = valueSet,
            Filter = input.String(P.Filter),
            Offset = NonNegative(input, P.Offset),
            Count = NonNegative(input, P.Count),
            ActiveOnly = input.Boolean(P.ActiveOnly),
            IncludeDesignations = input.Boolean(P.IncludeDesignations),
            Designations = input.Strings(P.Designation),
            DisplayLanguage = DisplayLanguage(input) ?? AcceptLanguage(http),
            IncludeDefinition = input.Boolean(P.IncludeDefinition),
            ExcludeNested = input.Boolean(P.ExcludeNested),
            ExcludeNotForUI = input.Boolean(P.ExcludeNotForUI),
            Properties = input.Strings(P.Property),
            SystemVersions = input.Strings(P.SystemVersion),
            CheckSystemVersions = input.Strings(P.CheckSystemVersion),
            ForceSystemVersions = input.Strings(P.ForceSystemVersion),
            DefaultValueSetVersions = input.Strings(P.DefaultValueSetVersion),
            UseSupplements = input.Strings(P.UseSupplement),
            TooCostlyThreshold = Smaller(TooCostly(http), Limit(input)),
        };
    }

    /// <summary>
    /// tx.fhir.org's <c>limit</c> parameter: the most codes the client will take; a larger expansion is too-costly
    /// (like the <c>X-TOO-COSTLY-THRESHOLD</c> header, the smaller of the two applies).
    /// </summary>
    private static int? Limit(OperationInput input) => input.Integer("limit") is { } n && n > 0 ? n : null;

    private static int? Smaller(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    /// <summary>Binds <c>$validate-code</c>. For a code system, <paramref name="codeSystemUrl"/> names it.</summary>
    public static ValidateCodeRequest BindValidateCode(OperationInput input, HttpRequest http, ValueSet? instance, bool onCodeSystem, string? codeSystemUrl, string? codeSystemVersion)
    {
        DateParameter.Check(input);
        var coding = input.Coding(P.Coding);
        var concept = input.CodeableConcept(P.CodeableConcept);
        var code = input.String(P.Code);
        if (code is null && coding is null && concept is null)
        {
            // tx.fhir.org's wording (its closing parenthesis is missing there too), so clients matching it keep working.
            throw FhirHttpException.BadRequest("Unable to find code to validate (looked for coding | codeableConcept | code+system | code+inferSystem in parameters");
        }

        string? url;
        string? systemVersion;
        if (onCodeSystem)
        {
            url = codeSystemUrl ?? input.String(P.Url) ?? input.String(P.System) ?? coding?.System;
            systemVersion = codeSystemVersion ?? input.String(P.Version) ?? input.String(P.SystemVersionOfCode) ?? coding?.Version;
            if (url is null && concept is null)
            {
                throw FhirHttpException.BadRequest("CodeSystem/$validate-code needs the code system: 'url' (or 'system'), or a 'coding' with a system.");
            }
        }
        else
        {
            url = instance is null ? input.String(P.Url) : null;
            systemVersion = input.String(P.SystemVersionOfCode);
            var inline = input.Resource(P.ValueSet);
            if (inline is not null and not ValueSet)
            {
                throw FhirHttpException.BadRequest($"The parameter 'valueSet' must carry a ValueSet, not a {inline.TypeName}.");
            }

            if (instance is null && url is null && inline is null)
            {
                throw FhirHttpException.BadRequest("ValueSet/$validate-code needs a value set: 'url', an inline 'valueSet', or an instance id.");
            }
        }

        return new ValidateCodeRequest
        {
            Url = url,
            ValueSetVersion = onCodeSystem ? null : input.String(P.ValueSetVersion),
            ValueSet = onCodeSystem ? null : instance ?? input.Resource(P.ValueSet) as ValueSet,
            Code = code,
            System = onCodeSystem ? url : input.String(P.System),
            SystemVersion = systemVersion,
            Display = input.String(P.Display),
            Coding = coding,
            CodeableConcept = concept,
            Abstract = input.Boolean(P.Abstract),
            DisplayLanguage = DisplayLanguage(input) ?? AcceptLanguage(http),
            ActiveOnly = input.Boolean(P.ActiveOnly),
            InferSystem = input.Boolean(P.InferSystem),
            LenientDisplayValidation = input.Boolean(P.LenientDisplayValidation),
            ValueSetMembershipOnly = input.Boolean(P.ValueSetMembershipOnly) ?? input.Boolean(P.ValueSetMembershipOnlyCamel)
                ?? (input.String(P.ValueSetMode) is "CHECK_MEMBERSHIP_ONLY" or "CHECK_MEMERSHIP_ONLY" ? true : null),
            SystemVersions = input.Strings(P.SystemVersion),
            CheckSystemVersions = input.Strings(P.CheckSystemVersion),
            ForceSystemVersions = input.Strings(P.ForceSystemVersion),
            DefaultValueSetVersions = input.Strings(P.DefaultValueSetVersion),
            UseSupplements = input.Strings(P.UseSupplement),
        };
    }

    private static int? NonNegative(OperationInput input, string name) =>
        input.Integer(name) is { } n && n < 0 ? throw FhirHttpException.BadRequest($"The parameter '{name}' must not be negative.") : input.Integer(name);

    /// <summary>The displayLanguage parameter: a language list as in Accept-Language (<c>de-CH, en; q=0.5, *; q=0</c>).</summary>
    private static string? DisplayLanguage(OperationInput input)
    {
        var value = input.String(P.DisplayLanguage);
        if (value is null || value.Split(',').All(IsLanguageRange))
        {
            return value;
        }

        throw new TerminologyServer.Engine.TerminologyException(OperationOutcome.IssueType.Processing, "INVALID_DISPLAY_NAME", $"Invalid displayLanguage: '{value}'")
        {
            TxIssueType = "invalid-display",
        };
    }

    private static bool IsLanguageRange(string entry)
    {
        var parts = entry.Split(';');
        return LanguageTag().IsMatch(parts[0].Trim()) && parts.Skip(1).All(p => QValue().IsMatch(p.Trim()));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$")]
    private static partial System.Text.RegularExpressions.Regex LanguageTag();

    [System.Text.RegularExpressions.GeneratedRegex(@"^q\s*=\s*[01](\.[0-9]{0,3})?$")]
    private static partial System.Text.RegularExpressions.Regex QValue();

    private static string? AcceptLanguage(HttpRequest http) =>
        http.Headers.AcceptLanguage.FirstOrDefault() is { Length: > 0 } l ? l : null;

    private static int? TooCostly(HttpRequest http) =>
        http.Headers.TryGetValue(TooCostlyHeader, out var v) && int.TryParse(v.ToString(), out var n) && n > 0 ? n : null;
}
