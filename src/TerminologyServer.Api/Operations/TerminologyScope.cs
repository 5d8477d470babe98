using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Api.Operations;

/// <summary>
/// The code systems and value sets one request sees: the server's registries, with the request's own
/// <c>tx-resource</c> resources layered on top for this request only (never stored).
/// </summary>
public sealed record TerminologyScope(ICodeSystemProvider CodeSystems, IValueSetProvider ValueSets)
{
    public static TerminologyScope For(OperationInput input, CodeSystemRegistry codeSystems, ValueSetRegistry valueSets, IEnumerable<Resource>? extra = null)
    {
        var resources = input.Resources(TerminologyParameterNames.TxResource).Concat(extra ?? []).ToList();
        if (resources.Count == 0)
        {
            return new TerminologyScope(codeSystems, valueSets);
        }

        var localCodeSystems = LocalCodeSystems(resources);
        var localValueSets = resources.OfType<ValueSet>().Where(vs => vs.Url is not null).ToList();
        return new TerminologyScope(
            localCodeSystems.Count == 0 ? codeSystems : new LayeredCodeSystemProvider(codeSystems, localCodeSystems),
            localValueSets.Count == 0 ? valueSets : new LayeredValueSetProvider(valueSets, localValueSets));
    }

    /// <summary>The code systems alone (<c>$lookup</c> needs no value sets): the registry, with the request's <c>tx-resource</c> code systems on top.</summary>
    public static ICodeSystemProvider CodeSystemsFor(OperationInput input, CodeSystemRegistry codeSystems)
    {
        var local = LocalCodeSystems(input.Resources(TerminologyParameterNames.TxResource));
        return local.Count == 0 ? codeSystems : new LayeredCodeSystemProvider(codeSystems, local);
    }

    private static List<CodeSystemIndex> LocalCodeSystems(IEnumerable<Resource> resources) =>
        resources.OfType<CodeSystem>().Where(cs => cs.Url is not null).Select(cs => FhirCodeSystemReader.ToIndex(cs)).ToList();
}
