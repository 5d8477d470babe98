using System.Text;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TerminologyServer.Api.Endpoints;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Fhir;
using TerminologyServer.Api.Security;
using TerminologyServer.Engine.Narratives;
using TerminologyServer.Import;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Narratives;

/// <summary>
/// <c>POST CodeSystem/$import-narrative</c> (one document as text/plain or text/markdown, or a Parameters with
/// <c>text</c> or <c>document</c>; returns the written resources) and <c>GET CodeSystem/$export-narrative</c>
/// (the stored narrative of a code as text/plain).
/// </summary>
public static class NarrativeEndpoints
{
    public const string ImportPath = "/CodeSystem/$import-narrative", ExportPath = "/CodeSystem/$export-narrative";

    public static RouteGroupBuilder MapNarrativeApi(this RouteGroupBuilder fhir)
    {
        fhir.MapPost(ImportPath, async (HttpRequest request, FhirBody body, NarrativeImporter importer, IndexSynchronizer sync, CancellationToken ct) =>
        {
            var (bytes, source) = await ReadDocumentAsync(request, body, importer.MaxDocumentBytes);
            var result = await importer.ImportAsync(bytes, source, ct);
            await sync.SyncAsync(ct);
            return FhirResults.Ok(Response(request, result));
        }).RequireAuthorization(WriteSecurity.ImportPolicy);

        fhir.MapGet(ExportPath, async (HttpRequest request, NarrativeExporter exporter, CancellationToken ct) =>
        {
            var unknown = request.Query.Keys.FirstOrDefault(k => k is not ("system" or "code" or "_format"));
            if (unknown is not null)
            {
                throw FhirHttpException.BadRequest($"The parameter '{unknown}' is not known to $export-narrative; use system and code.");
            }

            var code = request.Query["code"].ToString();
            if (code.Length == 0)
            {
                throw FhirHttpException.BadRequest("$export-narrative needs a code.");
            }

            var system = request.Query["system"].ToString() is { Length: > 0 } s ? s : NarrativeProperties.Cpt;
            var text = await exporter.ExportAsync(system, code, ct) ?? throw new FhirHttpException(
                StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"No narrative is stored for {system}|{code}.");
            return Results.Text(text, "text/plain", Encoding.UTF8);
        }).WithMetadata(OwnMediaType.Instance);
        return fhir;
    }

    /// <summary>The document bytes: the body itself for text/plain or text/markdown, else from a Parameters (<c>text</c> string or <c>document</c> attachment).</summary>
    private static async Task<(byte[] Bytes, string Source)> ReadDocumentAsync(HttpRequest request, FhirBody body, long maxBytes)
    {
        var source = request.Query["source"].ToString() is { Length: > 0 } name ? name : "request body";
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.MediaType.Value is "text/plain" or "text/markdown")
        {
            if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                throw new FhirHttpException(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                    $"Narrative documents are UTF-8 text; charset={media.Charset} is not accepted.");
            }

            return (await FhirBody.ReadBytesAsync(request, maxBytes), source);
        }

        // Base64 in JSON/XML takes 4/3 of the document; a Parameters may be that much larger than the document.
        var parameters = await body.ReadAsync<Parameters>(request, maxBytes * 2 + 4096);
        var unknown = parameters.Parameter.FirstOrDefault(p => p.Name is not ("text" or "document" or "source"));
        if (unknown is not null)
        {
            throw FhirHttpException.BadRequest($"The parameter '{unknown.Name}' is not known to $import-narrative; send text (string) or document (Attachment).");
        }

        source = parameters.GetSingleValue<FhirString>("source")?.Value ?? source;
        var documents = parameters.Parameter.Where(p => p.Name is "text" or "document").ToList();
        if (documents.Count != 1)
        {
            throw FhirHttpException.BadRequest("$import-narrative takes exactly one document: one text (string) or one document (Attachment) parameter.");
        }

        return documents[0].Value switch
        {
            FhirString { Value: { } text } => (Encoding.UTF8.GetBytes(text), source),
            Markdown { Value: { } markdown } => (Encoding.UTF8.GetBytes(markdown), source),
            Attachment { Data: { } data } => (data, source),
            _ => throw FhirHttpException.BadRequest("The document parameter must be a string (text) or an Attachment with data (document)."),
        };
    }

    /// <summary>A transaction-response style Bundle: the supplement and the PlanDefinition, each with its status.</summary>
    private static Bundle Response(HttpRequest request, NarrativeImportResult result)
    {
        var fhirBase = ResourceEndpoints.FhirBase(request);
        var bundle = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        foreach (var (resource, outcome) in new (Resource, WriteOutcome)[] { (result.Supplement, result.SupplementOutcome), (result.PlanDefinition, result.PlanDefinitionOutcome) })
        {
            var vid = resource.Meta?.VersionId;
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{fhirBase}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Response = new Bundle.ResponseComponent
                {
                    Status = outcome == WriteOutcome.Created ? "201 Created" : "200 OK",
                    Location = $"{resource.TypeName}/{resource.Id}/_history/{vid}",
                    Etag = $"W/\"{vid}\"",
                    LastModified = resource.Meta?.LastUpdated,
                    Outcome = outcome == WriteOutcome.Unchanged ? Outcomes.Information("unchanged: the stored resource already has this content") : null,
                },
            });
        }

        return bundle;
    }
}
