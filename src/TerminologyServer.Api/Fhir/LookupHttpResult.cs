using System.Text.Json;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// The 200 answer of <c>$lookup</c>. JSON is written by <see cref="LookupJson"/> straight into the response
/// pipe (same bytes as Firely would write, a fraction of the CPU); XML goes through Firely via
/// <see cref="FhirResults"/>. Negotiation and <c>_pretty</c> as in <see cref="FhirResults.Write"/>.
/// </summary>
public sealed class LookupHttpResult(LookupResult result) : IResult
{
    private static readonly JsonWriterOptions Compact = LookupJson.WriterOptions(FhirJson.Strict);
    private static readonly JsonWriterOptions Pretty = LookupJson.WriterOptions(FhirJson.Pretty);
    private const string FhirJsonUtf8 = FhirFormats.FhirJson + "; charset=utf-8";

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var negotiated = FhirFormats.ForResponse(httpContext.Request) ?? (FhirFormat.Json, FhirFormats.FhirJson);
        if (negotiated.Format != FhirFormat.Json)
        {
            await FhirResults.Write(httpContext, LookupParameters.ToParameters(result), StatusCodes.Status200OK);
            return;
        }

        var response = httpContext.Response;
        var pretty = httpContext.Request.Query.TryGetValue("_pretty", out var p) && p == "true";
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = negotiated.MediaType == FhirFormats.FhirJson ? FhirJsonUtf8 : negotiated.MediaType + "; charset=utf-8";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, pretty ? Pretty : Compact))
        {
            LookupJson.Write(writer, result);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
