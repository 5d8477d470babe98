using Hl7.Fhir.Model;
using TerminologyServer.Engine.ValueSets;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Startup;

/// <summary>Keeps the in-memory <see cref="ValueSetRegistry"/> in step with stored ValueSets, through the index synchronizer.</summary>
public static class ValueSetCache
{
    public static void Attach(IndexSynchronizer sync, ValueSetRegistry registry)
    {
        sync.ResourceChanged += async (services, type, id, deleted, ct) =>
        {
            if (type != "ValueSet")
            {
                return;
            }

            var store = services.GetRequiredService<ResourceStore>();
            if (!deleted && await store.ReadAsync(type, id, false, ct) is ValueSet vs)
            {
                registry.Put(id, vs);
            }
            else
            {
                registry.Remove(id);
            }
        };
    }
}
