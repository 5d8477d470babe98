using System.Text.Json;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.ValueSets;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// The 200 answer of <c>$validate-code</c>. JSON is written by <see cref="ValidateCodeJson"/> straight into the
/// response pipe; XML, and answers about a codeableConcept, go through Firely via <see cref="FhirResults"/>.
/// Negotiation and <c>_pretty</c> as in <see cref="FhirResults.Write"/>.
/// </summary>
public sealed class ValidateCodeHttpResult(ValidateCodeResult result) : IResult
{
    private static readonly JsonWriterOptions Compact = LookupJson.WriterOptions(FhirJson.Strict);
    private static readonly JsonWriterOptions Pretty = LookupJson.WriterOptions(FhirJson.Pretty);
    private const string FhirJsonUtf8 = FhirFormats.FhirJson + "; charset=utf-8";

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var negotiated = FhirFormats.ForResponse(httpContext.Request) ?? (FhirFormat.Json, FhirFormats.FhirJson);
        if (negotiated.Format != FhirFormat.Json || !ValidateCodeJson.CanWrite(result))
        {
            await FhirResults.Write(httpContext, result.ToParameters(), StatusCodes.Status200OK);
            return;
        }

        var response = httpContext.Response;
        var pretty = httpContext.Request.Query.TryGetValue("_pretty", out var p) && p == "true";
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = negotiated.MediaType == FhirFormats.FhirJson ? FhirJsonUtf8 : negotiated.MediaType + "; charset=utf-8";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, pretty ? Pretty : Compact))
        {
            ValidateCodeJson.Write(writer, result, pretty ? FhirJson.Pretty : FhirJson.Strict);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
