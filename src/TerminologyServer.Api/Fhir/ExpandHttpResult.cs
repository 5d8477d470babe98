using System.Buffers;
using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Operations;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Fhir;

/// <summary>
/// The 200 answer of <c>$expand</c>. Compact JSON of an expansion whose members <see cref="ExpandJson"/> can write
/// goes out as the Firely-serialized shell around directly written members, streamed: the response pipe is flushed
/// every <see cref="FlushBytes"/> so a 5,000-code answer is never held whole. Pretty JSON, XML and members with
/// designations or extensions take the Firely path of <see cref="FhirResults"/>.
/// </summary>
public sealed class ExpandHttpResult(ValueSet valueSet) : IResult
{
    private const int FlushBytes = 32 * 1024;
    private const string FhirJsonUtf8 = FhirFormats.FhirJson + "; charset=utf-8";
    private static readonly JsonWriterOptions Members = LookupJson.WriterOptions(FhirJson.Strict) with { SkipValidation = true };

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var negotiated = FhirFormats.ForResponse(httpContext.Request) ?? (FhirFormat.Json, FhirFormats.FhirJson);
        var pretty = httpContext.Request.Query.TryGetValue("_pretty", out var p) && p == "true";
        if (negotiated.Format != FhirFormat.Json || pretty || !ExpandJson.CanWrite(valueSet)
            || ExpandJson.Shell(valueSet, FhirJson.Strict) is not { } shell)
        {
            await FhirResults.Write(httpContext, valueSet, StatusCodes.Status200OK);
            return;
        }

        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = negotiated.MediaType == FhirFormats.FhirJson ? FhirJsonUtf8 : negotiated.MediaType + "; charset=utf-8";
        var body = response.BodyWriter;
        body.Write(shell.Head.Span);
        var members = valueSet.Expansion!.Contains;
        using (var writer = new Utf8JsonWriter(body, Members))
        {
            writer.WriteStartArray();
            foreach (var member in members)
            {
                ExpandJson.WriteMember(writer, member);
                if (writer.BytesPending >= FlushBytes)
                {
                    writer.Flush();
                    await body.FlushAsync(ct);
                }
            }

            writer.WriteEndArray();
        }

        body.Write(shell.Tail.Span);
        await body.FlushAsync(ct);
    }
}
