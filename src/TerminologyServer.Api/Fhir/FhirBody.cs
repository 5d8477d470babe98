using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.Options;
using TerminologyServer.Api.Errors;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Fhir;

/// <summary>Limits on what a client may send (configuration section <c>Limits</c>).</summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>Largest body accepted for ordinary writes and operations, in bytes (default 4 MiB).</summary>
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Deepest JSON or XML nesting accepted (hostile bodies nest extensions without end).</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>
    /// Longest query string (as sent, percent-encoded) of a FHIR request; longer ones get a 414 OperationOutcome
    /// that points to POST. Must stay under Kestrel's request line limit (1 MiB) to be answered by the server.
    /// </summary>
    public int MaxQueryStringLength { get; set; } = 32 * 1024;
}

/// <summary>Reads a FHIR resource from a request body: size-limited, by Content-Type, strict parsing.</summary>
public sealed class FhirBody(IOptions<LimitOptions> limits)
{
    private readonly JsonSerializerOptions _json = new JsonSerializerOptions { MaxDepth = limits.Value.MaxDepth }.ForFhir(ModelInfo.ModelInspector);
    private readonly FhirXmlDeserializer _xml = new();

    public async Task<T> ReadAsync<T>(HttpRequest request, long? maxBytes = null) where T : Resource
    {
        var resource = await ReadAsync(request, maxBytes);
        return resource as T ?? throw FhirHttpException.BadRequest(
            $"Expected a {ModelInfo.GetFhirTypeNameForType(typeof(T))} in the request body but found a {resource.TypeName}.");
    }

    /// <param name="lenient">
    /// Accept content that parses but breaks validation rules (cardinality, invariants): operation inputs carry
    /// test and draft resources that need not be valid to be used. Syntax errors and unknown elements still fail.
    /// </param>
    public async Task<Resource> ReadAsync(HttpRequest request, long? maxBytes = null, bool lenient = false)
    {
        var format = FhirFormats.ForBody(request.ContentType) ?? throw new FhirHttpException(
            StatusCodes.Status415UnsupportedMediaType,
            OperationOutcome.IssueType.NotSupported,
            $"Unsupported Content-Type '{request.ContentType}'. Send application/fhir+json or application/fhir+xml.");
        var bytes = await ReadBytesAsync(request, maxBytes ?? limits.Value.MaxBodyBytes);
        if (bytes.Length == 0)
        {
            throw FhirHttpException.BadRequest("The request body is empty; a FHIR resource was expected.");
        }

        try
        {
            return format == FhirFormat.Json
                ? JsonSerializer.Deserialize<Resource>(bytes, _json) ?? throw FhirHttpException.BadRequest("The request body is JSON null.")
                : _xml.Deserialize<Resource>(CheckedXml(bytes, limits.Value.MaxDepth));
        }
        catch (DeserializationFailedException e) when (lenient && e.PartialResult is Resource partial
            && e.Exceptions.All(x => x is Hl7.Fhir.Validation.CodedValidationException || IsEmptyObject(x)))
        {
            // An empty Parameters ({"resourceType":"Parameters"}, what FhirClient sends for an operation without
            // arguments) means "no parameters", not a syntax error.
            return partial;
        }
        catch (DeserializationFailedException e)
        {
            var problems = string.Join("; ", e.Exceptions.Take(5).Select(x => x.Message));
            throw FhirHttpException.BadRequest($"The request body is not a valid FHIR {(format == FhirFormat.Json ? "JSON" : "XML")} resource: {problems}");
        }
        catch (JsonException e)
        {
            throw FhirHttpException.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
        catch (System.Xml.XmlException e)
        {
            throw FhirHttpException.BadRequest($"The request body is not valid XML: {e.Message}");
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            throw FhirHttpException.BadRequest($"The request body could not be read as FHIR: {e.Message}");
        }
    }

    private static bool IsEmptyObject(Exception e) =>
        e is FhirJsonException { ErrorCode: FhirJsonException.OBJECTS_CANNOT_BE_EMPTY_CODE };

    /// <summary>Refuses DTDs (no entity expansion) and nesting deeper than the limit before the XML is parsed.</summary>
    private static string CheckedXml(byte[] bytes, int maxDepth)
    {
        var settings = new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null };
        using (var reader = System.Xml.XmlReader.Create(new MemoryStream(bytes), settings))
        {
            while (reader.Read())
            {
                if (reader.Depth > maxDepth)
                {
                    throw FhirHttpException.BadRequest($"The XML body nests deeper than {maxDepth} levels.");
                }
            }
        }

        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The request body, refused with a 413 past <paramref name="max"/> bytes (checked while reading, not only by Content-Length).</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long max)
    {
        if (request.ContentLength > max)
        {
            throw TooLarge(max);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static FhirHttpException TooLarge(long max) => new(
        StatusCodes.Status413PayloadTooLarge,
        OperationOutcome.IssueType.TooLong,
        $"The request body exceeds the limit of {max:N0} bytes.");
}
