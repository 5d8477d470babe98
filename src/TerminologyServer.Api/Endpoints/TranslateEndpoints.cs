using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.ConceptMaps;

namespace TerminologyServer.Api.Endpoints;

/// <summary><c>ConceptMap/$translate</c>, GET and POST, type and instance level.</summary>
public static class TranslateEndpoints
{
    public static RouteGroupBuilder MapTranslateApi(this RouteGroupBuilder fhir)
    {
        fhir.MapMethods("/ConceptMap/$translate", ["GET", "POST"], (HttpContext c, OperationInputReader r, ConceptMapRegistry maps, TranslationService t) =>
            TranslateAsync(c, r, maps, t, null));
        fhir.MapMethods("/ConceptMap/{id}/$translate", ["GET", "POST"], (string id, HttpContext c, OperationInputReader r, ConceptMapRegistry maps, TranslationService t) =>
            TranslateAsync(c, r, maps, t, id));
        return fhir;
    }

    private static async Task<IResult> TranslateAsync(HttpContext context, OperationInputReader reader, ConceptMapRegistry maps, TranslationService translator, string? id)
    {
        var input = await reader.ReadAsync(context.Request);
        var local = input.Resources(ParameterNames.TxResource).OfType<ConceptMap>().ToList();
        var instance = id is null ? null : maps.Get(id) ?? throw new FhirHttpException(
            StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"ConceptMap/{id} is not known.");
        var request = Bind(input, instance);
        return FhirResults.Ok(TranslationService.ToParameters(translator.Translate(request, local.Concat(maps.All()))));
    }

    private static TranslateRequest Bind(OperationInput input, ConceptMap? instance)
    {
        var inline = input.Resource("conceptMap");
        if (inline is not null and not ConceptMap)
        {
            throw FhirHttpException.BadRequest($"The parameter 'conceptMap' must carry a ConceptMap, not a {inline.TypeName}.");
        }

        var targetCoding = input.Coding("targetCoding");
        var targetCode = input.String("targetCode") ?? targetCoding?.Code;
        var coding = input.Coding("coding") ?? input.Coding("sourceCoding")
            ?? (input.CodeableConcept("codeableConcept") ?? input.CodeableConcept("sourceCodeableConcept"))?.Coding.FirstOrDefault();
        var reverse = targetCode is not null || (input.Boolean("reverse") ?? false);
        return new TranslateRequest
        {
            Url = input.String("url"),
            ConceptMapVersion = input.String("conceptMapVersion"),
            ConceptMap = instance ?? inline as ConceptMap,
            Code = targetCode ?? input.String("code") ?? input.String("sourceCode") ?? coding?.Code,
            System = input.String("system") ?? input.String("sourceSystem") ?? coding?.System,
            Version = input.String("version") ?? input.String("sourceVersion") ?? coding?.Version,
            TargetSystem = input.String("targetsystem") ?? input.String("targetSystem") ?? targetCoding?.System,
            Reverse = reverse,
            AskedByTargetCode = targetCode is not null,
            SourceScope = input.String("source") ?? input.String("sourceScope"),
            TargetScope = input.String("target") ?? input.String("targetScope"),
        };
    }
}
