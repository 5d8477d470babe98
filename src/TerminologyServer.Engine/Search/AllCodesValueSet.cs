using Hl7.Fhir.Model;
using TerminologyServer.Engine.Expand;

namespace TerminologyServer.Engine.Search;

/// <summary>
/// The value set of every code of every loaded code system, <see cref="Url"/>. It is not stored: <c>$expand</c>
/// with a <c>filter</c> answers it from <see cref="CodeSearch"/>, ranked. Without a filter it is too large to expand.
/// </summary>
public static class AllCodesValueSet
{
    public const string Url = "http://terminologyserver.org/fhir/ValueSet/all-codes";

    /// <summary>The ValueSet resource as the server describes it (no compose: it is defined by the loaded code systems).</summary>
    public static ValueSet Definition() => new()
    {
        Id = "all-codes",
        Url = Url,
        Name = "AllCodes",
        Title = "All codes of every loaded code system",
        Status = PublicationStatus.Active,
        Experimental = false,
        Description = "Every concept of every code system loaded in this server (latest version of each). Expand it with a "
            + "'filter' for a ranked search: exact code, code prefix, display words, designations, narrative text.",
    };

    /// <summary>The ranked expansion for <paramref name="request"/> (filter, count, offset, activeOnly).</summary>
    public static ValueSet Expand(CodeSearch search, ExpansionRequest request, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (request.Offset < 0 || request.Count < 0)
        {
            throw TerminologyException.Invalid("EXPAND_PAGING_NEGATIVE", "The offset and count parameters must not be negative.");
        }

        if (string.IsNullOrWhiteSpace(request.Filter))
        {
            throw new TerminologyException(OperationOutcome.IssueType.TooCostly, "VALUESET_TOO_COSTLY",
                $"The value set '{Url}' holds every code of every loaded code system; expand it with the filter parameter (a ranked search).");
        }

        if (request.Filter.Length > CodeSearch.MaxQueryLength)
        {
            throw TerminologyException.Invalid("SEARCH_TOO_LONG", $"The filter is longer than {CodeSearch.MaxQueryLength} characters.");
        }

        var count = Math.Min(request.Count ?? 100, 1000);
        var result = search.Search(new SearchQuery(request.Filter, null, request.ActiveOnly == true, count, request.Offset ?? 0), cancellationToken);
        var expansion = new ValueSet.ExpansionComponent
        {
            Identifier = "urn:uuid:" + Guid.NewGuid().ToString("D"),
            TimestampElement = new FhirDateTime(clock.GetUtcNow()),
            Total = result.Total,
            Offset = request.Offset ?? 0,
        };
        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "filter", Value = new FhirString(request.Filter) });
        expansion.Parameter.Add(new ValueSet.ParameterComponent { Name = "count", Value = new Integer(count) });
        foreach (var hit in result.Hits)
        {
            var entry = new ValueSet.ContainsComponent
            {
                System = hit.System.Url,
                Version = hit.System.Version,
                Code = hit.Concept.Code,
                Display = hit.Concept.Display,
            };
            if (hit.Concept.IsInactive)
            {
                entry.Inactive = true;
            }

            expansion.Contains.Add(entry);
        }

        var vs = Definition();
        vs.Expansion = expansion;
        return vs;
    }
}
