using Hl7.Fhir.Model;
using TerminologyServer.Engine.ConceptMaps;
using TerminologyServer.Engine.ValueSets;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Startup;

/// <summary>
/// Keeps the in-memory ValueSet, ConceptMap and PlanDefinition registries in step with the stored resources, through the index
/// synchronizer (at start, after local writes, and when another process changes the database).
/// </summary>
public static class ResourceCaches
{
    public static void Attach(IndexSynchronizer sync, ValueSetRegistry valueSets, ConceptMapRegistry conceptMaps, PlanDefinitionCache plans)
    {
        sync.ResourcesLoaded += resources =>
        {
            var sets = new List<KeyValuePair<string, ValueSet>>();
            foreach (var (id, resource) in resources)
            {
                switch (resource)
                {
                    case ValueSet vs:
                        sets.Add(new(id, vs));
                        break;
                    case ConceptMap map:
                        conceptMaps.Put(id, map);
                        break;
                    case PlanDefinition plan:
                        plans.Put(id, plan);
                        break;
                }
            }

            valueSets.PutAll(sets);
        };
        sync.ResourceChanged += async (services, type, id, deleted, ct) =>
        {
            if (type is not ("ValueSet" or "ConceptMap" or "PlanDefinition"))
            {
                return;
            }

            var resource = deleted ? null : await services.GetRequiredService<ResourceStore>().ReadAsync(type, id, false, ct);
            switch (resource)
            {
                case ValueSet vs:
                    valueSets.Put(id, vs);
                    break;
                case ConceptMap map:
                    conceptMaps.Put(id, map);
                    break;
                case PlanDefinition plan:
                    plans.Put(id, plan);
                    break;
                case null when type == "PlanDefinition":
                    plans.Remove(id);
                    break;
                case null when type == "ValueSet":
                    valueSets.Remove(id);
                    break;
                case null:
                    conceptMaps.Remove(id);
                    break;
            }
        };
    }
}
