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
        // At start value sets are registered by url and version and parsed at first use: parsing the 1,300 core
        // value sets took seconds of every start. ConceptMaps and PlanDefinitions are few: parsed now.
        sync.ResourcesLoaded += resources =>
        {
            var sets = new List<LazyValueSet>();
            foreach (var r in resources)
            {
                switch (r.Type)
                {
                    case "ValueSet":
                        var json = r.Json;
                        sets.Add(new LazyValueSet(r.Id, r.Url ?? "", r.Version, () => FhirJson.Deserialize<ValueSet>(json)));
                        break;
                    case "ConceptMap":
                        conceptMaps.Put(r.Id, FhirJson.Deserialize<ConceptMap>(r.Json));
                        break;
                    case "PlanDefinition":
                        plans.Put(r.Id, FhirJson.Deserialize<PlanDefinition>(r.Json));
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
