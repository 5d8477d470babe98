using System.Collections.Concurrent;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// Sorted concept positions computed from one immutable edition (an ECL result, the descendants of a concept),
/// kept for the next request that asks the same: a value set paged through, or asked by many clients, is
/// evaluated once. Bounded by the positions held and the number of entries; when either is passed it starts
/// afresh. The arrays it hands out are shared and must not be changed.
/// </summary>
internal sealed class PositionCache<TKey>(long maxPositions = PositionCache<TKey>.DefaultMaxPositions, int maxEntries = 4096)
    where TKey : notnull
{
    /// <summary>16 M positions: 64 MB, about 140 sets the size of SNOMED CT's clinical findings.</summary>
    public const long DefaultMaxPositions = 16_000_000;

    private readonly ConcurrentDictionary<TKey, int[]> _entries = new();
    private long _held;

    public int[] GetOrAdd(TKey key, Func<TKey, int[]> compute)
    {
        if (_entries.TryGetValue(key, out var hit))
        {
            return hit;
        }

        var value = compute(key);
        if (value.Length > maxPositions)
        {
            return value;
        }

        if (Interlocked.Add(ref _held, value.Length) > maxPositions || _entries.Count >= maxEntries)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _held, value.Length);
        }

        _entries[key] = value;
        return value;
    }
}
