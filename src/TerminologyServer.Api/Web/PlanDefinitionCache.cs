using System.Collections.Concurrent;
using Hl7.Fhir.Model;

namespace TerminologyServer.Api.Web;

/// <summary>The stored PlanDefinitions by canonical url (kept in step with the database like the value sets), for the code pages.</summary>
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
}
