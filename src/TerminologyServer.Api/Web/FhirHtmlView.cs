using System.Text;
using System.Text.Json;
using static TerminologyServer.Api.Web.Html;

namespace TerminologyServer.Api.Web;

/// <summary>
/// A FHIR read opened in a browser (<c>GET /fhir/…</c> whose Accept puts <c>text/html</c> first and no <c>_format</c>)
/// gets the answer as an HTML page: the resource's JSON, indented, with links to the JSON and XML and, for a code
/// system the site knows, its browse page. FHIR clients never list <c>text/html</c> first (Firely and the conformance
/// runner send <c>application/fhir+json</c>), so what they receive does not change; <c>_format</c> always wins.
/// </summary>
public static class FhirHtmlView
{
    private const int MaxShownBytes = 2 * 1024 * 1024;

    public static IApplicationBuilder UseFhirHtmlView(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!IsBrowserRead(request))
        {
            await next(context);
            return;
        }

        var accept = request.Headers.Accept;
        request.Headers.Accept = "application/fhir+json";
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var json = context.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (!json || context.Response.StatusCode is < 200 or >= 300)
        {
            // Errors keep the form they always had (an OperationOutcome in the negotiated format): a GET is safe to
            // answer again with the browser's own Accept.
            request.Headers.Accept = accept;
            context.Response.StatusCode = StatusCodes.Status200OK;
            foreach (var header in new[] { "Content-Type", "Content-Length", "ETag", "Last-Modified", "Location", "WWW-Authenticate" })
            {
                context.Response.Headers.Remove(header);
            }

            await next(context);
            return;
        }

        var html = Render(request, buffer, context.RequestServices.GetRequiredService<SystemDirectory>());
        context.Response.Headers.ContentLength = null;
        context.Response.Headers.ETag = default;
        await html.ExecuteAsync(context);
    });

    /// <summary>A GET from a browser: <c>text/html</c> is the first media type of Accept, and no <c>_format</c>.</summary>
    public static bool IsBrowserRead(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/fhir") && !request.Query.ContainsKey("_format")
        && request.Headers.Accept.ToString().Split(',')[0].Trim().StartsWith("text/html", StringComparison.OrdinalIgnoreCase);

    private static IResult Render(HttpRequest request, MemoryStream buffer, SystemDirectory systems)
    {
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        string pretty;
        string? type = null, id = null, url = null;
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray());
            var root = doc.RootElement;
            type = root.TryGetProperty("resourceType", out var t) ? t.GetString() : null;
            id = root.TryGetProperty("id", out var i) ? i.GetString() : null;
            url = root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            pretty = bytes.Length > MaxShownBytes ? Encoding.UTF8.GetString(bytes[..MaxShownBytes]) : JsonSerializer.Serialize(root, Indented);
        }
        catch (JsonException)
        {
            pretty = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, MaxShownBytes)]);
        }

        var target = request.Path + request.QueryString;
        var separator = request.QueryString.HasValue ? "&" : "?";
        var html = new StringBuilder(pretty.Length + 4096);
        html.Append("<nav aria-label=\"Breadcrumb\" class=\"links crumbs\"><a href=\"/\">Search</a> › <a href=\"/fhir/metadata\">FHIR API</a></nav><h1>")
            .Append(E(type is null ? "FHIR answer" : id is null ? type : $"{type}/{id}")).Append("</h1><p class=\"links\">")
            .Append("<a href=\"").Append(E(target + separator + "_format=json")).Append("\">JSON</a> · ")
            .Append("<a href=\"").Append(E(target + separator + "_format=xml")).Append("\">XML</a>");
        if (type == "CodeSystem" && url is not null && systems.ByUrl(url) is { } ws)
        {
            html.Append(" · <a href=\"/codes/").Append(U(ws.Key)).Append("\">Browse ").Append(E(ws.Name)).Append("</a>");
        }

        if (type == "ValueSet" && url is not null)
        {
            html.Append(" · <a href=\"/valuesets?url=").Append(U(url)).Append("\">Expansion page</a>");
        }

        html.Append("</p>");
        if (bytes.Length > MaxShownBytes)
        {
            html.Append("<p class=\"why\">The answer is ").Append(bytes.Length / 1024 / 1024).Append(" MB; the first 2 MB are shown. Use the JSON link for all of it.</p>");
        }

        html.Append("<pre class=\"fhir\">").Append(E(pretty)).Append("</pre>");
        return Page((type ?? "FHIR") + (id is null ? "" : "/" + id) + " - " + SiteName, html.ToString());
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
