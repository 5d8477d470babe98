using System.Collections.Concurrent;

namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// The grammar part of a computed code system's index: turns a code the index does not list into a
/// <see cref="Concept"/>. Each code resolves to one concept instance (kept up to a bound, so that hostile
/// input cannot grow memory), and each concept gets an index of its own below zero, never shared with another
/// code, so identity checks on <see cref="Concept.Index"/> (filters, subsumption) stay right.
/// </summary>
internal sealed class ComputedCodes(IComputedCodeSystem system)
{
    private const int MaxRemembered = 20_000;
    private static int _nextIndex = -2;

    private readonly ConcurrentDictionary<string, Concept?> _resolved = new(system.Info.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);

    public IComputedCodeSystem System => system;

    public bool IsEnumerable => system.IsEnumerable;

    public Concept? Resolve(string code)
    {
        if (_resolved.TryGetValue(code, out var known))
        {
            return known;
        }

        var concept = system.Resolve(code) is { } c ? ToConcept(Interlocked.Decrement(ref _nextIndex), c) : null;
        return _resolved.Count < MaxRemembered ? _resolved.GetOrAdd(code, concept) : concept;
    }

    public static Concept ToConcept(int index, ComputedCode code) =>
        new(index, code.Code, code.Display, null) { Designations = code.Designations?.ToArray() ?? [] };
}
