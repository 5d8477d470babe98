using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Validate;

/// <summary>
/// Input of <c>ValueSet/$validate-code</c> (https://hl7.org/fhir/R4/valueset-operation-validate-code.html)
/// and <c>CodeSystem/$validate-code</c> (https://hl7.org/fhir/R4/codesystem-operation-validate-code.html),
/// bound the same way from a GET query string and a POST Parameters body. Give one of
/// <see cref="Code"/> (+<see cref="System"/>), <see cref="Coding"/> or <see cref="CodeableConcept"/>.
/// </summary>
public sealed record ValidateCodeRequest
{
    /// <summary>The value set (ValueSet operation) or code system (CodeSystem operation) by canonical url.</summary>
    public string? Url { get; init; }

    public string? ValueSetVersion { get; init; }

    /// <summary>An inline value set, or the instance the operation was called on.</summary>
    public ValueSet? ValueSet { get; init; }

    public string? Code { get; init; }
    public string? System { get; init; }

    /// <summary>The code system version of <see cref="Code"/> (<c>systemVersion</c>; <c>version</c> on CodeSystem).</summary>
    public string? SystemVersion { get; init; }

    public string? Display { get; init; }
    public Coding? Coding { get; init; }
    public CodeableConcept? CodeableConcept { get; init; }

    /// <summary>False when abstract (not selectable) codes are not allowed in the caller's context.</summary>
    public bool? Abstract { get; init; }

    public string? DisplayLanguage { get; init; }

    /// <summary>True to treat inactive codes as not in the value set (as <c>$expand</c>'s activeOnly does).</summary>
    public bool? ActiveOnly { get; init; }

    /// <summary>True when a bare <see cref="Code"/> should be looked for in the value set's code systems.</summary>
    public bool? InferSystem { get; init; }

    /// <summary>True to report a wrong display as a warning (result stays true).</summary>
    public bool? LenientDisplayValidation { get; init; }

    /// <summary>True to check membership only: no display, status or abstract checks.</summary>
    public bool? ValueSetMembershipOnly { get; init; }

    public IReadOnlyList<string> SystemVersions { get; init; } = [];
    public IReadOnlyList<string> CheckSystemVersions { get; init; } = [];
    public IReadOnlyList<string> ForceSystemVersions { get; init; } = [];
    public IReadOnlyList<string> DefaultValueSetVersions { get; init; } = [];
    public IReadOnlyList<string> UseSupplements { get; init; } = [];
}
