using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Fhir;

/// <summary>Writes a resource in the negotiated format (JSON or XML, <c>_pretty</c> honoured), serialized once.</summary>
public static class FhirResults
{
    private static readonly FhirXmlSerializer Xml = new();

    // Errors echo what the client sent (a path, a code): in them < > & ' are written as \u escapes, so that no
    // input comes back as markup even to a client that ignores the media type. Other resources stay as they are.
    private static readonly JsonSerializerOptions SafeJson = new(FhirJson.Strict) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private static readonly JsonSerializerOptions SafePrettyJson = new(FhirJson.Pretty) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IResult Ok(Resource resource) => new FhirResult(resource, StatusCodes.Status200OK);

    public static IResult Status(Resource resource, int status) => new FhirResult(resource, status);

    public static async System.Threading.Tasks.Task Write(HttpContext context, Resource resource, int status)
    {
        var response = context.Response;
        var negotiated = FhirFormats.ForResponse(context.Request) ?? (FhirFormat.Json, FhirFormats.FhirJson);
        var pretty = context.Request.Query.TryGetValue("_pretty", out var p) && p == "true";
        response.StatusCode = status;
        response.ContentType = negotiated.MediaType + "; charset=utf-8";
        // Serialized whole, then sent with its Content-Length: HEAD gets the length, and compression can tell a
        // small answer (sent as is) from a large one (see FhirCompression).
        byte[] body;
        if (negotiated.Format == FhirFormat.Xml)
        {
            body = System.Text.Encoding.UTF8.GetBytes(Xml.SerializeToString(resource, pretty));
        }
        else
        {
            var options = resource is OperationOutcome ? (pretty ? SafePrettyJson : SafeJson) : pretty ? FhirJson.Pretty : FhirJson.Strict;
            body = JsonSerializer.SerializeToUtf8Bytes(resource, options);
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private sealed class FhirResult(Resource resource, int status) : IResult
    {
        public System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext) => Write(httpContext, resource, status);
    }
}
