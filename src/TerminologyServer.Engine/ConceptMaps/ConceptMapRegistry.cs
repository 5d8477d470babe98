using System.Collections.Immutable;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.ConceptMaps;

/// <summary>The server's ConceptMaps in memory, by storage key; immutable snapshots so readers never lock.</summary>
public sealed class ConceptMapRegistry
{
    private ImmutableDictionary<string, ConceptMap> _byKey = ImmutableDictionary<string, ConceptMap>.Empty;

    public void Put(string key, ConceptMap map) => ImmutableInterlocked.Update(ref _byKey, d => d.SetItem(key, map));

    public void Remove(string key) => ImmutableInterlocked.Update(ref _byKey, d => d.Remove(key));

    public IEnumerable<ConceptMap> All() => _byKey.Values;

    public ConceptMap? Get(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The map with <paramref name="url"/> (and <paramref name="version"/>, else the latest).</summary>
    public static ConceptMap? Find(IEnumerable<ConceptMap> maps, string url, string? version) =>
        maps.Where(m => m.Url == url && (version is null || m.Version == version))
            .OrderByDescending(m => m.Version, VersionComparer.Instance)
            .FirstOrDefault();
}
