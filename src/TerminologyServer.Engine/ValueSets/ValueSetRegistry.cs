using System.Collections.Immutable;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// The server-wide set of value sets, several versions per url side by side. Writers swap immutable
/// snapshots, so lookups never lock. Each value set is registered under a key (the storage id of its
/// resource) so that an update or delete replaces exactly the right one. Registered resources are treated
/// as immutable: callers must not change a value set after putting it here.
/// </summary>
public sealed class ValueSetRegistry : IValueSetProvider
{
    private readonly object _gate = new();
    private Snapshot _snapshot = Snapshot.Empty;

    /// <summary>Adds or replaces the value set stored under <paramref name="key"/>. It must have a url.</summary>
    public void Put(string key, ValueSet valueSet)
    {
        if (string.IsNullOrEmpty(valueSet.Url))
        {
            throw TerminologyException.Invalid("VALUESET_NO_URL", "A ValueSet must have a url to be registered for terminology operations.");
        }

        lock (_gate)
        {
            _snapshot = _snapshot.With(key, valueSet);
        }
    }

    /// <summary>Adds or replaces several value sets with one rebuild of the url table (start-up puts about 1,300).</summary>
    public void PutAll(IReadOnlyList<KeyValuePair<string, ValueSet>> valueSets)
    {
        foreach (var (_, valueSet) in valueSets)
        {
            if (string.IsNullOrEmpty(valueSet.Url))
            {
                throw TerminologyException.Invalid("VALUESET_NO_URL", "A ValueSet must have a url to be registered for terminology operations.");
            }
        }

        lock (_gate)
        {
            _snapshot = _snapshot.WithAll(valueSets);
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

    public ValueSet? Get(string key) => _snapshot.ByKey.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, ValueSet> ByKey => _snapshot.ByKey;

    public ValueSet? Find(string url, string? version = null)
    {
        if (!_snapshot.ByUrl.TryGetValue(url, out var versions))
        {
            return null;
        }

        return version is null ? versions[0] : versions.FirstOrDefault(v => v.Version == version);
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
            if (ReferenceEquals(v, valueSet))
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<ValueSet> Versions(string url) =>
        _snapshot.ByUrl.TryGetValue(url, out var v) ? v : [];

    private sealed record Snapshot(
        ImmutableDictionary<string, ValueSet> ByKey,
        ImmutableDictionary<string, ImmutableArray<ValueSet>> ByUrl)
    {
        public static readonly Snapshot Empty = new(
            ImmutableDictionary<string, ValueSet>.Empty,
            ImmutableDictionary<string, ImmutableArray<ValueSet>>.Empty);

        public Snapshot With(string key, ValueSet valueSet) => Rebuild(ByKey.SetItem(key, valueSet));

        public Snapshot WithAll(IReadOnlyList<KeyValuePair<string, ValueSet>> valueSets) => Rebuild(ByKey.SetItems(valueSets));

        public Snapshot Without(string key) => ByKey.ContainsKey(key) ? Rebuild(ByKey.Remove(key)) : this;

        private static Snapshot Rebuild(ImmutableDictionary<string, ValueSet> byKey)
        {
            var byUrl = byKey.Values
                .GroupBy(v => v.Url!)
                .ToImmutableDictionary(g => g.Key, g => g.OrderByDescending(v => v.Version, VersionComparer.Instance).ToImmutableArray());
            return new Snapshot(byKey, byUrl);
        }
    }
}
