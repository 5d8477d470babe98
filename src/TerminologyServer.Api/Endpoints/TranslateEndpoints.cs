using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.ConceptMaps;
using TerminologyServer.Engine.ValueSets;

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
        var local = input.Resources(TerminologyParameterNames.TxResource).OfType<ConceptMap>().ToList();
        var instance = id is null ? null : maps.Get(id) ?? throw new FhirHttpException(
            StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"ConceptMap/{id} is not known.");
        var request = TranslateParameters.Bind(input, instance);
        return FhirResults.Ok(TranslationService.ToParameters(translator.Translate(request, local.Concat(maps.All()))));
    }
}
