using System.Collections.Immutable;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// The server-wide set of value sets, several versions per url side by side. Writers swap immutable
/// snapshots, so lookups never lock. Each value set is registered under a key (the storage id of its
/// resource) so that an update or delete replaces exactly the right one. Registered resources are treated
/// as immutable: callers must not change a value set after putting it here. A value set may be registered by
/// url and version with a factory (<see cref="PutAll(IReadOnlyList{LazyValueSet})"/>): it is built at its first use,
/// once, so that a start-up does not parse the 1,300 core value sets nobody may ask for.
/// </summary>
public sealed class ValueSetRegistry : IValueSetProvider
{
    private readonly object _gate = new();
    private Snapshot _snapshot = Snapshot.Empty;

    /// <summary>Adds or replaces the value set stored under <paramref name="key"/>. It must have a url.</summary>
    public void Put(string key, ValueSet valueSet)
    {
        var entry = Entry.Of(valueSet);
        lock (_gate)
        {
            _snapshot = _snapshot.WithAll([new(key, entry)]);
        }
    }

    /// <summary>Adds or replaces several value sets with one rebuild of the url table (start-up puts about 1,300).</summary>
    public void PutAll(IReadOnlyList<KeyValuePair<string, ValueSet>> valueSets)
    {
        var entries = valueSets.Select(v => new KeyValuePair<string, Entry>(v.Key, Entry.Of(v.Value))).ToList();
        lock (_gate)
        {
            _snapshot = _snapshot.WithAll(entries);
        }
    }

    /// <summary>Adds or replaces value sets known by url and version, each built by its factory at first use.</summary>
    public void PutAll(IReadOnlyList<LazyValueSet> valueSets)
    {
        var entries = new List<KeyValuePair<string, Entry>>(valueSets.Count);
        foreach (var v in valueSets)
        {
            if (string.IsNullOrEmpty(v.Url))
            {
                throw NoUrl();
            }

            entries.Add(new(v.Key, new Entry(v.Url, v.Version, new Lazy<ValueSet>(v.Create, LazyThreadSafetyMode.ExecutionAndPublication))));
        }

        lock (_gate)
        {
            _snapshot = _snapshot.WithAll(entries);
        }
    }

    /// <summary>Removes the value set stored under <paramref name="key"/>, if any.</summary>
    public void Remove(string key)
    {
        lock (_gate)
        {
            _snapshot = _snapshot.Without(key);
        }
    }

    public ValueSet? Get(string key) => _snapshot.ByKey.GetValueOrDefault(key)?.Value;

    /// <summary>How many value sets are registered.</summary>
    public int Count => _snapshot.ByKey.Count;

    /// <summary>Every registered value set by key; builds those not built yet (for tools and tests, not hot paths).</summary>
    public IReadOnlyDictionary<string, ValueSet> ByKey => _snapshot.ByKey.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);

    public ValueSet? Find(string url, string? version = null)
    {
        if (!_snapshot.ByUrl.TryGetValue(url, out var versions))
        {
            return null;
        }

        if (version is null)
        {
            return versions[0].Value;
        }

        foreach (var v in versions)
        {
            if (v.Version == version)
            {
                return v.Value;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="valueSet"/> is this very instance registered here (not a copy).</summary>
    public bool Holds(ValueSet valueSet)
    {
        if (valueSet.Url is null || !_snapshot.ByUrl.TryGetValue(valueSet.Url, out var versions))
        {
            return false;
        }

        foreach (var v in versions)
        {
            if (v.IsBuilt && ReferenceEquals(v.Value, valueSet))
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<ValueSet> Versions(string url) =>
        _snapshot.ByUrl.TryGetValue(url, out var v) ? [.. v.Select(e => e.Value)] : [];

    private static TerminologyException NoUrl() =>
        TerminologyException.Invalid("VALUESET_NO_URL", "A ValueSet must have a url to be registered for terminology operations.");

    /// <summary>A registered value set: url and version known at once, the resource built at most once.</summary>
    private sealed class Entry(string url, string? version, Lazy<ValueSet> value)
    {
        public string Url { get; } = url;
        public string? Version { get; } = version;
        public bool IsBuilt => value.IsValueCreated;
        public ValueSet Value => value.Value;

        public static Entry Of(ValueSet valueSet) =>
            string.IsNullOrEmpty(valueSet.Url) ? throw NoUrl() : new(valueSet.Url, valueSet.Version, new Lazy<ValueSet>(valueSet));
    }

    private sealed record Snapshot(
        ImmutableDictionary<string, Entry> ByKey,
        ImmutableDictionary<string, ImmutableArray<Entry>> ByUrl)
    {
        public static readonly Snapshot Empty = new(
            ImmutableDictionary<string, Entry>.Empty,
            ImmutableDictionary<string, ImmutableArray<Entry>>.Empty);

        public Snapshot WithAll(IReadOnlyList<KeyValuePair<string, Entry>> entries) => Rebuild(ByKey.SetItems(entries));

        public Snapshot Without(string key) => ByKey.ContainsKey(key) ? Rebuild(ByKey.Remove(key)) : this;

        private static Snapshot Rebuild(ImmutableDictionary<string, Entry> byKey)
        {
            var byUrl = byKey.Values
                .GroupBy(v => v.Url)
                .ToImmutableDictionary(g => g.Key, g => g.OrderByDescending(v => v.Version, VersionComparer.Instance).ToImmutableArray());
            return new Snapshot(byKey, byUrl);
        }
    }
}

/// <summary>A value set registered by <paramref name="Url"/> and <paramref name="Version"/>, built by <paramref name="Create"/> at first use.</summary>
public sealed record LazyValueSet(string Key, string Url, string? Version, Func<ValueSet> Create);
