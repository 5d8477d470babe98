using System.Collections.Immutable;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// The server-wide set of code system indexes, several versions per url side by side. Writers swap
/// immutable snapshots, so lookups never lock. Each index is registered under a key (the storage id of
/// its resource) so that an update or delete replaces exactly the right one.
/// </summary>
public sealed class CodeSystemRegistry : ICodeSystemProvider
{
    private readonly object _gate = new();
    private Snapshot _snapshot = Snapshot.Empty;

    /// <summary>Adds or replaces the index stored under <paramref name="key"/>.</summary>
    public void Put(string key, CodeSystemIndex index)
    {
        lock (_gate)
        {
            _snapshot = _snapshot.With(key, index);
        }

        Changed?.Invoke(key);
    }

    /// <summary>
    /// Adds or replaces several indexes at once, with one rebuild of the lookup tables: putting the 1,000 code systems
    /// of a start-up one by one rebuilt them a thousand times (quadratic).
    /// </summary>
    public void PutAll(IReadOnlyList<KeyValuePair<string, CodeSystemIndex>> indexes)
    {
        lock (_gate)
        {
            _snapshot = _snapshot.WithAll(indexes);
        }

        foreach (var (key, _) in indexes)
        {
            Changed?.Invoke(key);
        }
    }

    /// <summary>Raised after an index was put or removed (with its key), outside the lock; handlers must be quick.</summary>
    public event Action<string>? Changed;

    /// <summary>Removes the index stored under <paramref name="key"/>, if any.</summary>
    public void Remove(string key)
    {
        lock (_gate)
        {
            _snapshot = _snapshot.Without(key);
        }

        Changed?.Invoke(key);
    }

    public CodeSystemIndex? Get(string key) => _snapshot.ByKey.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, CodeSystemIndex> ByKey => _snapshot.ByKey;

    public CodeSystemIndex? Find(string url, string? version = null)
    {
        if (!_snapshot.ByUrl.TryGetValue(url, out var versions))
        {
            return null;
        }

        if (version is null)
        {
            return versions[0];
        }

        foreach (var v in versions)
        {
            if (v.Version == version)
            {
                return v;
            }
        }

        // A SNOMED CT edition URI without a version date means the latest version of that edition.
        return Snomed.SnomedVersion.IsEditionOnlyUri(version) ? versions.FirstOrDefault(v => Snomed.SnomedVersion.Matches(version, v.Version)) : null;
    }

    public IReadOnlyList<CodeSystemIndex> Versions(string url) =>
        _snapshot.ByUrl.TryGetValue(url, out var v) ? v : [];

    public IReadOnlyList<CodeSystemIndex> SupplementsOf(string url) =>
        _snapshot.Supplements.TryGetValue(url, out var v) ? v : [];

    public IEnumerable<CodeSystemIndex> All() => _snapshot.ByKey.Values;

    private sealed record Snapshot(
        ImmutableDictionary<string, CodeSystemIndex> ByKey,
        ImmutableDictionary<string, ImmutableArray<CodeSystemIndex>> ByUrl,
        ImmutableDictionary<string, ImmutableArray<CodeSystemIndex>> Supplements)
    {
        public static readonly Snapshot Empty = new(
            ImmutableDictionary<string, CodeSystemIndex>.Empty,
            ImmutableDictionary<string, ImmutableArray<CodeSystemIndex>>.Empty,
            ImmutableDictionary<string, ImmutableArray<CodeSystemIndex>>.Empty);

        public Snapshot With(string key, CodeSystemIndex index) => Rebuild(ByKey.SetItem(key, index));

        public Snapshot WithAll(IReadOnlyList<KeyValuePair<string, CodeSystemIndex>> indexes) => Rebuild(ByKey.SetItems(indexes));

        public Snapshot Without(string key) => ByKey.ContainsKey(key) ? Rebuild(ByKey.Remove(key)) : this;

        private static Snapshot Rebuild(ImmutableDictionary<string, CodeSystemIndex> byKey)
        {
            var all = byKey.Values.ToList();
            var byUrl = all.Where(i => !i.IsSupplement)
                .GroupBy(i => i.Url)
                .ToImmutableDictionary(g => g.Key, g => g.OrderByDescending(i => i.Version, VersionComparer.Instance).ToImmutableArray());
            var supplements = all.Where(i => i.IsSupplement && i.Info.Supplements is not null)
                .GroupBy(i => i.Info.Supplements!.Split('|')[0])
                .ToImmutableDictionary(g => g.Key, g => g.OrderByDescending(i => i.Version, VersionComparer.Instance).ToImmutableArray());
            return new Snapshot(byKey, byUrl, supplements);
        }
    }
}
