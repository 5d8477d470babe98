using System.Collections.Concurrent;
using Hl7.Fhir.Model;

namespace TerminologyServer.Api.Startup;

/// <summary>
/// The stored PlanDefinitions (kept in step with the database like the value sets): by canonical url for the code
/// pages, by topic for <c>PlanDefinition?topic=system|code</c> without a JSON query in the database.
/// </summary>
public sealed class PlanDefinitionCache
{
    private readonly ConcurrentDictionary<string, PlanDefinition> _byId = new(StringComparer.Ordinal);

    public void Put(string id, PlanDefinition plan) => _byId[id] = plan;

    public void Remove(string id) => _byId.TryRemove(id, out _);

    /// <summary>The PlanDefinition with this canonical (<c>url</c> or <c>url|version</c>), the latest when several versions are stored.</summary>
    public (string Id, PlanDefinition Plan)? Find(string canonical)
    {
        var (url, version) = Engine.Canonical.Split(canonical);
        return _byId.Where(kv => kv.Value.Url == url && (version is null || kv.Value.Version == version))
            .OrderByDescending(kv => kv.Value.Version, Engine.CodeSystems.VersionComparer.Instance)
            .Select(kv => ((string Id, PlanDefinition Plan)?)(kv.Key, kv.Value))
            .FirstOrDefault();
    }

    /// <summary>
    /// Ids of PlanDefinitions with a topic matching a token search value: <c>system|code</c>, <c>code</c> (any system),
    /// <c>|code</c> (no system) or <c>system|</c> (any code of the system).
    /// </summary>
    public IReadOnlyCollection<string> Matching(string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        Func<Coding, bool> match = bar < 0
            ? c => c.Code == token
            : token.EndsWith('|')
                ? c => c.System == token[..^1]
                : c => (c.System ?? "") == token[..bar] && c.Code == token[(bar + 1)..];
        return _byId.Where(kv => kv.Value.Topic.SelectMany(t => t.Coding).Any(match)).Select(kv => kv.Key).ToList();
    }
}
