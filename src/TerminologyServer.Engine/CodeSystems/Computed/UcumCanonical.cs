using System.Collections.Frozen;

namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// The canonical form of a UCUM unit: the UCUM base units (<c>m s g rad K C cd</c>, and each arbitrary unit such
/// as <c>[iU]</c> as a base of its own) with their exponents, in a fixed order, without magnitude - the kind of
/// quantity the unit measures. <c>min</c>, <c>h</c>, <c>mo</c> and <c>a</c> are all <c>s</c>; <c>mg/dL</c> is
/// <c>g.m-3</c>; a dimensionless unit (<c>%</c>, <c>mol</c>, <c>{count}</c>) is <c>1</c>. The HL7 <c>canonical</c>
/// filter on UCUM (value set <c>all-time-units</c>: <c>canonical = a</c>) selects the units whose canonical form
/// is that of the value.
/// </summary>
internal sealed class UcumCanonical
{
    private const int MaxDefinitionDepth = 32;

    private readonly UcumParser _parser;
    private readonly FrozenDictionary<string, Dictionary<string, int>?> _atoms;

    public UcumCanonical(UcumEssence essence, UcumParser parser)
    {
        _parser = parser;
        var known = new Dictionary<string, Dictionary<string, int>?>(StringComparer.Ordinal);
        foreach (var atom in essence.Definitions.Keys)
        {
            Resolve(essence, atom, known, 0);
        }

        _atoms = known.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The canonical form of <paramref name="unit"/> (<c>s</c>, <c>g.m-3</c>, <c>1</c>), or null when it is not valid UCUM.</summary>
    public string? Of(string unit) => _parser.Atoms(unit) is { } atoms ? Combine(atoms, _atoms) is { } bases ? Text(bases) : null : null;

    private Dictionary<string, int>? Resolve(UcumEssence essence, string atom, Dictionary<string, Dictionary<string, int>?> known, int depth)
    {
        if (known.TryGetValue(atom, out var done))
        {
            return done;
        }

        if (depth > MaxDefinitionDepth || !essence.Definitions.TryGetValue(atom, out var definition))
        {
            return null;
        }

        var bases = definition is null
            ? new Dictionary<string, int>(StringComparer.Ordinal) { [atom] = 1 }
            : _parser.Atoms(definition) is { } parts ? Combine(parts, a => Resolve(essence, a, known, depth + 1)) : null;
        known[atom] = bases;
        return bases;
    }

    private static Dictionary<string, int>? Combine(Dictionary<string, int> atoms, IReadOnlyDictionary<string, Dictionary<string, int>?> known) =>
        Combine(atoms, a => known.GetValueOrDefault(a));

    private static Dictionary<string, int>? Combine(Dictionary<string, int> atoms, Func<string, Dictionary<string, int>?> basesOf)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (atom, exponent) in atoms)
        {
            if (basesOf(atom) is not { } bases)
            {
                return null;
            }

            foreach (var (b, e) in bases)
            {
                result[b] = result.GetValueOrDefault(b) + (e * exponent);
            }
        }

        return result;
    }

    private static string Text(Dictionary<string, int> bases)
    {
        var parts = bases.Where(b => b.Value != 0).OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Value == 1 ? b.Key : $"{b.Key}{b.Value}").ToList();
        return parts.Count == 0 ? "1" : string.Join('.', parts);
    }
}
