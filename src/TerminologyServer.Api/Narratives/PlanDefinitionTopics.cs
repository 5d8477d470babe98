using System.Collections.Concurrent;
using Hl7.Fhir.Model;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Narratives;

/// <summary>
/// The <c>topic</c> codings of every stored PlanDefinition, in memory (kept in step by the index synchronizer), so
/// that <c>PlanDefinition?topic=system|code</c> needs no JSON query in the database.
/// </summary>
public sealed class PlanDefinitionTopics
{
    private readonly ConcurrentDictionary<string, string[]> _byId = new(StringComparer.Ordinal);

    public void Attach(IndexSynchronizer sync) => sync.ResourceChanged += async (services, type, id, deleted, ct) =>
    {
        if (type != "PlanDefinition")
        {
            return;
        }

        if (!deleted && await services.GetRequiredService<ResourceStore>().ReadAsync(type, id, false, ct) is PlanDefinition pd)
        {
            Put(id, pd);
        }
        else
        {
            _byId.TryRemove(id, out _);
        }
    };

    public void Put(string id, PlanDefinition pd) =>
        _byId[id] = pd.Topic.SelectMany(t => t.Coding).Select(c => $"{c.System}|{c.Code}").Distinct().ToArray();

    /// <summary>
    /// Ids of PlanDefinitions with a topic matching a token search value: <c>system|code</c>, <c>code</c> (any system),
    /// <c>|code</c> (no system) or <c>system|</c> (any code of the system).
    /// </summary>
    public IReadOnlyCollection<string> Matching(string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        Func<string, bool> match = bar < 0
            ? t => t.EndsWith("|" + token, StringComparison.Ordinal)
            : token.EndsWith('|')
                ? t => t.StartsWith(token, StringComparison.Ordinal)
                : t => t == token;
        return _byId.Where(kv => kv.Value.Any(match)).Select(kv => kv.Key).ToList();
    }
}
