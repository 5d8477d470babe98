using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Operations;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// A 200 <c>Parameters</c> answer of a hot operation: JSON is written straight into the response pipe by the
/// operation's own writer (same bytes as Firely would write, a fraction of the CPU); XML, and what the writer does
/// not cover, go through Firely via <see cref="FhirResults"/>. Negotiation and <c>_pretty</c> as in
/// <see cref="FhirResults.Write"/>.
/// </summary>
public abstract class DirectJsonHttpResult : IResult
{
    private static readonly JsonWriterOptions Compact = LookupJson.WriterOptions(FhirJson.Strict);
    private static readonly JsonWriterOptions Pretty = LookupJson.WriterOptions(FhirJson.Pretty);
    private const string FhirJsonUtf8 = FhirFormats.FhirJson + "; charset=utf-8";

    /// <summary>False when this answer needs the Firely path even in JSON.</summary>
    protected virtual bool CanWriteJson => true;

    protected abstract Parameters ToParameters();

    protected abstract void WriteJson(Utf8JsonWriter writer, bool pretty);

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var negotiated = FhirFormats.ForResponse(httpContext.Request) ?? (FhirFormat.Json, FhirFormats.FhirJson);
        if (negotiated.Format != FhirFormat.Json || !CanWriteJson)
        {
            await FhirResults.Write(httpContext, ToParameters(), StatusCodes.Status200OK);
            return;
        }

        var response = httpContext.Response;
        var pretty = httpContext.Request.Query.TryGetValue("_pretty", out var p) && p == "true";
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = negotiated.MediaType == FhirFormats.FhirJson ? FhirJsonUtf8 : negotiated.MediaType + "; charset=utf-8";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, pretty ? Pretty : Compact))
        {
            WriteJson(writer, pretty);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}

/// <summary>The 200 answer of <c>$lookup</c>, JSON written by <see cref="LookupJson"/>.</summary>
public sealed class LookupHttpResult(Engine.Lookup.LookupResult result) : DirectJsonHttpResult
{
    protected override Parameters ToParameters() => LookupParameters.ToParameters(result);

    protected override void WriteJson(Utf8JsonWriter writer, bool pretty) => LookupJson.Write(writer, result);
}

/// <summary>The 200 answer of <c>$validate-code</c>, JSON written by <see cref="ValidateCodeJson"/> (codeableConcept answers through Firely).</summary>
public sealed class ValidateCodeHttpResult(Engine.Validate.ValidateCodeResult result) : DirectJsonHttpResult
{
    protected override bool CanWriteJson => ValidateCodeJson.CanWrite(result);

    protected override Parameters ToParameters() => result.ToParameters();

    protected override void WriteJson(Utf8JsonWriter writer, bool pretty) =>
        ValidateCodeJson.Write(writer, result, pretty ? FhirJson.Pretty : FhirJson.Strict);
}
