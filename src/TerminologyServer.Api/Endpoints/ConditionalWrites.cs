using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using TerminologyServer.Api.Errors;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Endpoints;

/// <summary>
/// Conditional create, update and delete (<see href="https://hl7.org/fhir/R4/http.html#ccreate"/>): the target is
/// found by search criteria instead of an id. No match, one match and several matches each have their answer;
/// several matches are 412 Precondition Failed, since the client's criteria are not selective enough.
/// </summary>
internal static class ConditionalWrites
{
    /// <summary>The logical ids of the resources that match <paramref name="criteria"/> (a query string without '?'); at most two are looked for.</summary>
    public static async Task<List<string>> MatchesAsync(string type, string criteria, HttpRequest request, ResourceStore store, string what, CancellationToken ct)
    {
        var query = new QueryCollection(QueryHelpers.ParseQuery(criteria.TrimStart('?')));
        if (query.Count == 0)
        {
            throw FhirHttpException.BadRequest($"A conditional {what} needs search criteria (such as url=…&version=…).");
        }

        if (query.Keys.Any(k => k is "_count" or "_offset" or "_summary"))
        {
            throw FhirHttpException.BadRequest($"The criteria of a conditional {what} may not page or summarise (_count, _offset, _summary).");
        }

        var search = SearchEndpoint.CriteriaFor(type, query, request) with { Count = 2, Offset = 0 };
        var page = await store.SearchAsync(type, search, summary: true, countOnly: false, ct);
        var ids = page.Resources.Select(r => r.Id!).ToList();
        if (ids.Count > 1)
        {
            throw new FhirHttpException(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
                $"The conditional {what} criteria '{criteria}' match {page.Total} {type} resources; they must match at most one.");
        }

        return ids;
    }

    /// <summary>The version named by an If-Match header on a delete (as on an update), or null.</summary>
    public static int? ExpectedVersion(HttpRequest request) => IfMatch.ExpectedVersion(request);
}
