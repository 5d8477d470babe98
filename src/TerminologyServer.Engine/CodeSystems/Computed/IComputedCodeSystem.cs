namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// A code system whose codes are decided by code rather than listed in a CodeSystem resource: a grammar (BCP-47
/// language tags, UCUM units, media types), a registry shipped with the engine (ISO 3166, ISO 4217), or both.
/// It is registered as an ordinary <see cref="CodeSystemIndex"/> (<see cref="ComputedCodeSystems.ToIndex"/>) whose
/// concept lookups fall back to <see cref="Resolve"/>, so <c>$lookup</c>, <c>$validate-code</c> and the
/// <c>$expand</c> of listed codes work on it as on any other code system.
/// </summary>
public interface IComputedCodeSystem
{
    /// <summary>The resource-level facts (url, version, name, case sensitivity).</summary>
    CodeSystemInfo Info { get; }

    /// <summary>
    /// True when <see cref="Known"/> is the whole code system, so it can be expanded as a whole or by filter;
    /// false for a grammar, whose codes cannot be enumerated.
    /// </summary>
    bool IsEnumerable { get; }

    /// <summary>Codes held as a list (all of them when <see cref="IsEnumerable"/>), indexed like stored concepts.</summary>
    IEnumerable<ComputedCode> Known { get; }

    /// <summary>A code that is not in <see cref="Known"/>: its meaning when the grammar admits it, else null.</summary>
    ComputedCode? Resolve(string code);
}

/// <summary>A code of a computed code system, in its normal form, with its display and other names.</summary>
public sealed record ComputedCode(string Code, string Display, IReadOnlyList<Designation>? Designations = null);
