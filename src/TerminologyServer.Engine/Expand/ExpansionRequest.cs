using Hl7.Fhir.Model;

namespace TerminologyServer.Engine.Expand;

/// <summary>
/// Input of <c>ValueSet/$expand</c> (https://hl7.org/fhir/R4/valueset-operation-expand.html), bound the same
/// way from a GET query string and a POST Parameters body. Optional flags are nullable so that the expansion
/// echoes exactly the parameters the client sent. Canonical lists hold <c>url|version</c> strings.
/// </summary>
public sealed record ExpansionRequest
{
    /// <summary>The value set to expand, by canonical url (may carry <c>|version</c>).</summary>
    public string? Url { get; init; }

    public string? ValueSetVersion { get; init; }

    /// <summary>An inline value set (POST <c>valueSet</c>, or the resource of an instance-level call); wins over <see cref="Url"/>.</summary>
    public ValueSet? ValueSet { get; init; }

    /// <summary>Text filter: every word must be a word-prefix of the display or a designation, or match the code.</summary>
    public string? Filter { get; init; }

    public int? Offset { get; init; }
    public int? Count { get; init; }
    public bool? ActiveOnly { get; init; }
    public bool? IncludeDesignations { get; init; }

    /// <summary>Designations to return: a language (<c>de</c>) or a use (<c>system|code</c>).</summary>
    public IReadOnlyList<string> Designations { get; init; } = [];

    /// <summary>Preferred display language(s), in Accept-Language syntax.</summary>
    public string? DisplayLanguage { get; init; }

    public bool? IncludeDefinition { get; init; }
    public bool? ExcludeNested { get; init; }
    public bool? ExcludeNotForUI { get; init; }

    /// <summary>Property codes to return on each <c>contains</c>.</summary>
    public IReadOnlyList<string> Properties { get; init; } = [];

    /// <summary>Version to use for a code system when the value set does not name one.</summary>
    public IReadOnlyList<string> SystemVersions { get; init; } = [];

    /// <summary>Versions the code systems used must have, or the expansion fails.</summary>
    public IReadOnlyList<string> CheckSystemVersions { get; init; } = [];

    /// <summary>Versions to use for code systems even when the value set names another.</summary>
    public IReadOnlyList<string> ForceSystemVersions { get; init; } = [];

    /// <summary>Version to use for an imported value set when the import does not name one.</summary>
    public IReadOnlyList<string> DefaultValueSetVersions { get; init; } = [];

    /// <summary>Supplements to apply (canonical url or url|version).</summary>
    public IReadOnlyList<string> UseSupplements { get; init; } = [];

    /// <summary>A lower size limit for this request (the <c>X-TOO-COSTLY-THRESHOLD</c> header).</summary>
    public int? TooCostlyThreshold { get; init; }
}
