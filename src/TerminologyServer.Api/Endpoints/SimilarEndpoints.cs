using Hl7.Fhir.Model;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;

namespace TerminologyServer.Api.Endpoints;

/// <summary>
/// <c>CodeSystem/$similar</c> (a custom operation of this server): the codes similar to a code in its own code
/// system, siblings in the hierarchy first, then the nearest by the words of the display. Parameters: <c>system</c>,
/// <c>code</c>, optional <c>version</c> and <c>count</c> (1-50, default 10). Answer: a Parameters with one
/// <c>similar</c> per code (parts <c>code</c>, <c>display</c>, <c>relation</c> = sibling | text, <c>score</c>).
/// </summary>
public static class SimilarEndpoints
{
    public static RouteGroupBuilder MapSimilarApi(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/CodeSystem/$similar", (HttpRequest request, CodeSystemRegistry registry) => Similar(request, registry));
        return fhir;
    }

    private static IResult Similar(HttpRequest request, CodeSystemRegistry registry)
    {
        var q = request.Query;
        foreach (var name in q.Keys)
        {
            if (name is not ("system" or "code" or "version" or "count" or "_format" or "_pretty"))
            {
                throw FhirHttpException.BadRequest($"Unknown parameter '{name}' for $similar; use system, code, version and count.");
            }
        }

        var system = q["system"].ToString();
        var code = q["code"].ToString();
        if (system.Length == 0 || code.Length == 0)
        {
            throw FhirHttpException.BadRequest("$similar needs the system and code parameters.");
        }

        var count = 10;
        if (q["count"].ToString() is { Length: > 0 } c && (!int.TryParse(c, out count) || count is < 1 or > 50))
        {
            throw FhirHttpException.BadRequest("The count parameter of $similar must be a whole number from 1 to 50.");
        }

        var version = q["version"].ToString() is { Length: > 0 } v ? v : null;
        var cs = registry.Find(system, version) ?? throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
            $"A definition for CodeSystem '{system}'{(version is null ? "" : $" version '{version}'")} could not be found.");
        var concept = cs.Find(code) ?? throw new FhirHttpException(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
            $"Unknown code '{code}' in the CodeSystem '{system}'.");
        var output = new Parameters();
        foreach (var s in SimilarCodes.Find(cs, concept, count))
        {
            var part = new Parameters.ParameterComponent { Name = "similar" };
            part.Part.Add(new() { Name = "code", Value = new Code(s.Concept.Code) });
            if (s.Concept.Display is { } display)
            {
                part.Part.Add(new() { Name = "display", Value = new FhirString(display) });
            }

            part.Part.Add(new() { Name = "relation", Value = new Code(SimilarCodes.Name(s.Relation)) });
            part.Part.Add(new() { Name = "score", Value = new FhirDecimal(Math.Round((decimal)s.Score, 3)) });
            output.Parameter.Add(part);
        }

        return FhirResults.Ok(output);
    }
}
