using System.Collections.Concurrent;
using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// A code system whose codes are decided by code rather than listed in a CodeSystem resource: a grammar (BCP-47
/// language tags, UCUM units, media types), a registry shipped with the engine (ISO 3166, ISO 4217), or both.
/// It is the <see cref="ICodeSystemBehaviour"/> of its url, and also supplies the index the server holds for it
/// (<see cref="ComputedCodeSystems.ToIndex"/>, its <see cref="Known"/> codes), so <c>$lookup</c>,
/// <c>$validate-code</c> and the <c>$expand</c> of listed codes work on it as on any other code system.
/// </summary>
public abstract class ComputedCodeSystem : ICodeSystemBehaviour
{
    private const int MaxRemembered = 20_000;
    private static int _nextIndex = -2;

    private ConcurrentDictionary<string, Concept?>? _resolved;

    /// <summary>The resource-level facts (url, version, name, case sensitivity).</summary>
    public abstract CodeSystemInfo Info { get; }

    /// <summary>
    /// True when <see cref="Known"/> is the whole code system, so it can be expanded as a whole or by filter;
    /// false for a grammar, whose codes cannot be enumerated.
    /// </summary>
    public abstract bool IsEnumerable { get; }

    /// <summary>Codes held as a list (all of them when <see cref="IsEnumerable"/>), indexed like stored concepts.</summary>
    public abstract IEnumerable<ComputedCode> Known { get; }

    /// <summary>A code that is not in <see cref="Known"/>: its meaning when the grammar admits it, else null.</summary>
    public abstract ComputedCode? Resolve(string code);

    /// <summary>The properties the <see cref="Known"/> codes carry (<see cref="ComputedCode.Properties"/>).</summary>
    public virtual IReadOnlyList<PropertyDefinition> Properties => [];

    /// <summary>
    /// Why <paramref name="code"/>, which is neither listed nor resolved, is not a code of this system (e.g. which
    /// subtag is unknown), or null to leave it to the generic unknown-code message.
    /// </summary>
    public virtual string? Explain(string code) => null;

    string ICodeSystemBehaviour.Url => Info.Url;

    void ICodeSystemBehaviour.Prepare(CodeSystemIndex cs)
    {
    }

    /// <summary>
    /// The concept of a code the index does not list. Each code resolves to one concept instance (kept up to a
    /// bound, so that hostile input cannot grow memory), and each concept gets an index of its own below zero,
    /// never shared with another code, so identity checks on <see cref="Concept.Index"/> (filters, subsumption)
    /// stay right.
    /// </summary>
    Concept? ICodeSystemBehaviour.Resolve(CodeSystemIndex cs, string code)
    {
        var resolved = LazyInitializer.EnsureInitialized(ref _resolved, () => new(Info.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase));
        if (resolved.TryGetValue(code, out var known))
        {
            return known;
        }

        var concept = Resolve(code) is { } c ? ToConcept(Interlocked.Decrement(ref _nextIndex), c) : null;
        return resolved.Count < MaxRemembered ? resolved.GetOrAdd(code, concept) : concept;
    }

    IReadOnlyList<CodeIssue> ICodeSystemBehaviour.Check(CodeSystemIndex cs, string code) =>
        cs.Find(code) is null && Explain(code) is { } why ? [new CodeIssue(true, "Unknown_Code_in_Version", why)] : [];

    CompiledFilter? ICodeSystemBehaviour.CompileFilter(CodeSystemIndex cs, string property, string op, string value) =>
        CompileFilter(cs, property, op, value);

    /// <summary>A filter with a meaning of its own in this code system, or null to use the general one.</summary>
    private protected virtual CompiledFilter? CompileFilter(CodeSystemIndex cs, string property, string op, string value) => null;

    private static Concept ToConcept(int index, ComputedCode code) =>
        new(index, code.Code, code.Display, null) { Designations = code.Designations?.ToArray() ?? [] };
}

/// <summary>
/// A code of a computed code system, in its normal form, with its display and other names; a listed code may also
/// have a parent code (its place in the hierarchy) and property values.
/// </summary>
public sealed record ComputedCode(string Code, string Display, IReadOnlyList<Designation>? Designations = null)
{
    public string? Parent { get; init; }

    public IReadOnlyList<PropertyValue>? Properties { get; init; }
}
