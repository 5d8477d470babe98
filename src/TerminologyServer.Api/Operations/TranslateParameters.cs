using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Engine.ConceptMaps;
using N = TerminologyServer.Engine.ValueSets.TerminologyParameterNames;

namespace TerminologyServer.Api.Operations;

/// <summary>
/// Binds <c>ConceptMap/$translate</c> input (R4 names, and R5's <c>sourceCode</c>/<c>targetCode</c>/<c>sourceScope</c>/<c>targetScope</c>
/// that validators send) to a <see cref="TranslateRequest"/>.
/// </summary>
public static class TranslateParameters
{
    public static TranslateRequest Bind(OperationInput input, ConceptMap? instance)
    {
        var inline = input.Resource(N.ConceptMap);
        if (inline is not null and not ConceptMap)
        {
            throw FhirHttpException.BadRequest($"The parameter 'conceptMap' must carry a ConceptMap, not a {inline.TypeName}.");
        }

        var targetCoding = input.Coding(N.TargetCoding);
        var targetCode = input.String(N.TargetCode) ?? targetCoding?.Code;
        var coding = input.Coding(N.Coding) ?? input.Coding(N.SourceCoding)
            ?? (input.CodeableConcept(N.CodeableConcept) ?? input.CodeableConcept(N.SourceCodeableConcept))?.Coding.FirstOrDefault();
        var reverse = targetCode is not null || (input.Boolean(N.Reverse) ?? false);
        return new TranslateRequest
        {
            Url = input.String(N.Url),
            ConceptMapVersion = input.String(N.ConceptMapVersion),
            ConceptMap = instance ?? inline as ConceptMap,
            Code = targetCode ?? input.String(N.Code) ?? input.String(N.SourceCode) ?? coding?.Code,
            System = input.String(N.System) ?? input.String(N.SourceSystem) ?? coding?.System,
            Version = input.String(N.Version) ?? input.String(N.SourceVersion) ?? coding?.Version,
            TargetSystem = input.String(N.TargetSystemR4) ?? input.String(N.TargetSystem) ?? targetCoding?.System,
            Reverse = reverse,
            AskedByTargetCode = targetCode is not null,
            SourceScope = input.String(N.SourceScopeR4) ?? input.String(N.SourceScope),
            TargetScope = input.String(N.TargetScopeR4) ?? input.String(N.TargetScope),
        };
    }
}
