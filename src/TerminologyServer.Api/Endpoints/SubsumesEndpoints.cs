using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Subsumes;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Api.Endpoints;

/// <summary><c>CodeSystem/$subsumes</c>, GET and POST, type and instance level.</summary>
public static class SubsumesEndpoints
{
    private static readonly string[] GetPost = ["GET", "POST"];

    public static RouteGroupBuilder MapSubsumesApi(this RouteGroupBuilder fhir)
    {
        fhir.MapMethods("/CodeSystem/$subsumes", GetPost, (HttpContext c, [AsParameters] Services s) => SubsumesAsync(c, s, null));
        fhir.MapMethods("/CodeSystem/{id}/$subsumes", GetPost, (string id, HttpContext c, [AsParameters] Services s) => SubsumesAsync(c, s, id));
        return fhir;
    }

    /// <summary>What the operation needs, injected as one parameter.</summary>
    public sealed record Services(OperationInputReader Reader, CodeSystemRegistry CodeSystems, ValueSetRegistry ValueSets, SubsumptionService Subsumption);

    private static async Task<IResult> SubsumesAsync(HttpContext context, Services s, string? id)
    {
        var codeSystem = id is null ? null
            : s.CodeSystems.Get(id) ?? throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"CodeSystem/{id} is not known.");
        var input = await s.Reader.ReadAsync(context.Request);
        var scope = TerminologyScope.For(input, s.CodeSystems, s.ValueSets);
        var request = SubsumesParameters.Bind(input, codeSystem?.Url, codeSystem?.Version);
        return FhirResults.Ok(SubsumptionService.ToParameters(s.Subsumption.Subsumes(request, scope.CodeSystems)));
    }
}
