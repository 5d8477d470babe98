using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;

namespace TerminologyServer.Api.Endpoints;

/// <summary><c>CodeSystem/$lookup</c> at type and instance level, GET and POST.</summary>
public static class LookupEndpoints
{
    public static RouteGroupBuilder MapLookupApi(this RouteGroupBuilder fhir)
    {
        fhir.MapMethods("/CodeSystem/$lookup", ["GET", "POST"], (HttpContext context, OperationInputReader reader, CodeSystemRegistry registry, LookupService lookup) =>
            LookupAsync(context, reader, registry, lookup, null));
        fhir.MapMethods("/CodeSystem/{id}/$lookup", ["GET", "POST"], (string id, HttpContext context, OperationInputReader reader, CodeSystemRegistry registry, LookupService lookup) =>
            LookupAsync(context, reader, registry, lookup, registry.Get(id) ?? throw new FhirHttpException(
                StatusCodes.Status404NotFound, Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound, $"CodeSystem/{id} is not known.")));
        return fhir;
    }

    private static async Task<IResult> LookupAsync(HttpContext context, OperationInputReader reader, CodeSystemRegistry registry, LookupService lookup, CodeSystemIndex? instance)
    {
        var input = await reader.ReadAsync(context.Request);
        var acceptLanguage = context.Request.Headers.AcceptLanguage;
        var request = LookupParameters.Bind(input, instance?.Url, instance?.Version, acceptLanguage.Count > 0 ? acceptLanguage[0] : null);
        var provider = TerminologyScope.CodeSystemsFor(input, registry);
        return new LookupHttpResult(lookup.Lookup(provider, request));
    }
}
