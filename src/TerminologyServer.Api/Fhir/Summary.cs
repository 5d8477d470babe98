using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TerminologyServer.Api.Errors;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// <c>_summary</c> and <c>_elements</c> on reads and searches (<see href="https://hl7.org/fhir/R4/search.html#summary"/>):
/// <c>true</c> keeps the elements the specification marks as summary, <c>text</c> the narrative with id, meta and the
/// mandatory elements, <c>data</c> everything but the narrative, <c>count</c> (searches only) just the total,
/// <c>false</c> everything. <c>_elements</c> keeps the named top-level elements (and the mandatory ones). A
/// resource that has been cut down is tagged SUBSETTED, as the specification asks, so that nobody stores it back.
/// </summary>
public sealed record Summary(string? Mode, string[]? Elements)
{
    private const string SubsettedSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);
    private static readonly JsonSerializerOptions Reader = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Nothing asked: the whole resource.</summary>
    public static readonly Summary None = new(null, null);

    /// <summary>True when the answer is cut down (and tagged SUBSETTED).</summary>
    public bool Subsets => Mode is "true" or "text" or "data" || Elements is not null;

    /// <summary>True when the elements kept cannot include a CodeSystem's concepts, so they need not be loaded.</summary>
    public bool WithoutConcepts => Mode is "true" or "text" || (Elements is not null && !Elements.Contains("concept"));

    /// <summary>The <c>_summary</c> and <c>_elements</c> of a request; an unknown mode is a 400 (count only on a search).</summary>
    public static Summary Of(HttpRequest request, bool search)
    {
        var q = request.Query;
        string? mode = q.TryGetValue("_summary", out var s) ? s.ToString() : null;
        if (mode is not (null or "true" or "text" or "data" or "false") && !(search && mode == "count"))
        {
            throw FhirHttpException.BadRequest($"_summary={mode} is not supported; use true, text, data{(search ? ", count" : "")} or false.");
        }

        string[]? elements = null;
        if (q.TryGetValue("_elements", out var e))
        {
            elements = e.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
            if (elements.Length == 0 || elements.Any(x => x.Contains('.')))
            {
                throw FhirHttpException.BadRequest("_elements takes a comma-separated list of top-level element names, such as _elements=url,version,name.");
            }

            if (mode is not null)
            {
                throw FhirHttpException.BadRequest("_summary and _elements cannot be combined; use one of them.");
            }
        }

        return mode is null && elements is null ? None : new Summary(mode, elements);
    }

    /// <summary>The resource cut down as asked and tagged SUBSETTED, or itself when nothing is asked.</summary>
    public Resource Apply(Resource resource)
    {
        if (!Subsets)
        {
            return resource;
        }

        Func<SerializationFilter> filter = Mode switch
        {
            "true" => SerializationFilter.ForSummary,
            "text" => SerializationFilter.ForText,
            "data" => SerializationFilter.ForData,
            _ => () => SerializationFilter.ForElements(Elements!, true),
        };
        var json = Serializer.SerializeToString(resource, false, filter);
        Resource cut;
        try
        {
            cut = JsonSerializer.Deserialize<Resource>(json, Reader)!;
        }
        catch (DeserializationFailedException e) when (e.PartialResult is Resource partial)
        {
            // A subset may well break cardinality rules (that is what SUBSETTED warns about).
            cut = partial;
        }

        cut.Meta ??= new Meta();
        if (!cut.Meta.Tag.Any(t => t.System == SubsettedSystem && t.Code == "SUBSETTED"))
        {
            cut.Meta.Tag.Add(new Coding(SubsettedSystem, "SUBSETTED", "subsetted"));
        }

        return cut;
    }
}
