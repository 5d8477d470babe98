using System.Collections;

namespace TerminologyServer.Engine.Snomed.Ecl;

/// <summary>
/// The concepts an expression constraint selects, as positions of <see cref="ISnomedData"/>: a bit set with a
/// sorted view. Enumeration and <see cref="ToArray"/> are in ascending position order.
/// </summary>
public sealed class EclConceptSet : IReadOnlyCollection<int>
{
    private readonly Bits _bits;
    private int[]? _sorted;

    internal EclConceptSet(Bits bits)
    {
        _bits = bits;
        Count = bits.Count();
    }

    /// <summary>Number of concepts in the set.</summary>
    public int Count { get; }

    /// <summary>Whether the concept at <paramref name="concept"/> is in the set.</summary>
    public bool Contains(int concept) => _bits.Get(concept);

    /// <summary>The positions, ascending (computed once, then shared: do not modify the array).</summary>
    public int[] ToArray() => _sorted ??= _bits.ToArray();

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)ToArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
