using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using TerminologyServer.Engine;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.ValueSets;
using static TerminologyServer.Api.Web.Html;

namespace TerminologyServer.Api.Web;

/// <summary>
/// <c>GET /valuesets?url=…&amp;offset=</c>: a value set's definition (title, status, description, what it includes)
/// and its expansion, 100 codes a page, each linked to its code page when the site knows the code system.
/// </summary>
public static class ValueSetPage
{
    public static IResult Render(HttpRequest request, ValueSetRegistry valueSets, CodeSystemRegistry codeSystems, ValueSetExpander expander, SystemDirectory systems)
    {
        var url = request.Query["url"].ToString();
        if (url.Length == 0 || valueSets.Find(url) is not { } vs)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown value set",
                url.Length == 0 ? "A value set page address is /valuesets?url={canonical url}." : $"There is no value set '{url}' on this server.");
        }

        var offset = int.TryParse(request.Query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var html = new StringBuilder(16 * 1024);
        html.Append("<nav aria-label=\"Breadcrumb\" class=\"links crumbs\"><a href=\"/\">Search</a> › Value sets</nav><h1>")
            .Append(E(vs.Title ?? vs.Name ?? url)).Append("</h1><p class=\"code\">").Append(E(url)).Append("</p><p class=\"why\">Status ")
            .Append(E(vs.Status?.ToString().ToLowerInvariant() ?? "unknown")).Append(vs.Version is { } v ? ", version " + E(v) : "").Append(".</p>");
        if (vs.Description is { Length: > 0 } description)
        {
            html.Append("<p>").Append(E(description)).Append("</p>");
        }

        html.Append("<section><h2>Definition</h2><ul>");
        foreach (var include in vs.Compose?.Include ?? [])
        {
            html.Append("<li>Include ").Append(E(include.System ?? string.Join(", ", include.ValueSet)))
                .Append(include.Concept.Count > 0 ? $": {include.Concept.Count} listed codes" : "")
                .Append(include.Filter.Count > 0 ? ": where " + E(string.Join(" and ", include.Filter.Select(f => $"{f.Property} {f.Op?.ToString()} {f.Value}"))) : "")
                .Append("</li>");
        }

        html.Append("</ul></section><section><h2>Expansion</h2>");
        try
        {
            var expansion = expander.Expand(new ExpansionRequest { Url = url, Offset = offset, Count = BrowsePages.PageSize }, valueSets, codeSystems, request.HttpContext.RequestAborted).Expansion ?? new ValueSet.ExpansionComponent();
            var total = expansion.Total ?? expansion.Contains.Count;
            html.Append("<p class=\"why\">").Append(E(BrowsePages.Count(total))).Append(".</p><ol class=\"results browse\">");
            foreach (var c in expansion.Contains)
            {
                var ws = c.System is null || c.Code is null ? null : systems.ByUrl(c.System);
                html.Append("<li>").Append(ws is null ? "" : "<a href=\"" + E(SearchApi.CodeHref(ws, c.Code!)) + "\">")
                    .Append("<span class=\"c\">").Append(E(c.Code)).Append("</span> <span class=\"d\">").Append(E(c.Display ?? c.Code)).Append("</span>")
                    .Append(ws is null ? "" : "</a>").Append("<p class=\"why\">").Append(E(c.System)).Append("</p></li>");
            }

            html.Append("</ol>");
            BrowsePages.Pager(html, "/valuesets?url=" + U(url) + "&amp;", offset, total);
        }
        catch (TerminologyException e)
        {
            html.Append("<p>This value set cannot be expanded here: ").Append(E(e.Message)).Append("</p>");
        }

        html.Append("</section><p class=\"links\"><a href=\"/fhir/ValueSet?url=").Append(U(url)).Append("&amp;_format=json\">FHIR JSON</a></p>");
        return Page($"{vs.Title ?? vs.Name ?? url} - {SiteName}", html.ToString());
    }
}
