namespace TerminologyServer.Engine.Lookup;

/// <summary>
/// Input of <c>CodeSystem/$lookup</c> (https://hl7.org/fhir/R4/codesystem-operation-lookup.html), bound the
/// same way from a GET query string and a POST Parameters body.
/// </summary>
public sealed record LookupRequest
{
    public required string System { get; init; }
    public required string Code { get; init; }
    public string? Version { get; init; }
    public string? DisplayLanguage { get; init; }

    /// <summary>Requested property codes; empty means the server's default set, "*" means all.</summary>
    public IReadOnlyList<string> Properties { get; init; } = [];

    /// <summary>Supplements to apply (canonical url or url|version), from <c>useSupplement</c>.</summary>
    public IReadOnlyList<string> UseSupplements { get; init; } = [];
}
