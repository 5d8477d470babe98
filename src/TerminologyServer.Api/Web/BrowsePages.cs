using System.Globalization;
using System.Text;
using TerminologyServer.Engine.CodeSystems;
using static TerminologyServer.Api.Web.Html;

namespace TerminologyServer.Api.Web;

/// <summary>
/// Browsing without a query: <c>/codes</c> lists the code systems (featured ones first, with their sizes),
/// <c>/codes/{system}</c> shows the top of a system's hierarchy (ICD-10-CM chapters, ICD-10-PCS tables; a flat
/// system's codes in order), paged with <c>offset</c>. Each entry links to its code page, which shows the children.
/// </summary>
public static class BrowsePages
{
    public const int PageSize = 100;

    public static IResult Systems(SystemDirectory systems)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append("<nav aria-label=\"Breadcrumb\" class=\"links crumbs\"><a href=\"/\">Search</a> › Code systems</nav><h1>Code systems</h1><ul class=\"systems\">");
        foreach (var ws in systems.All)
        {
            html.Append("<li><a href=\"/codes/").Append(U(ws.Key)).Append("\">").Append(E(ws.Name)).Append("</a> <span class=\"why\">")
                .Append(E(Count(ws.Index.Concepts.Length))).Append(ws.Index.Version is { } v ? ", version " + E(v) : "").Append("</span></li>");
        }

        html.Append("</ul>");
        return Page("Code systems - " + SiteName, html.ToString());
    }

    public static IResult System(string system, HttpRequest request, SystemDirectory systems)
    {
        system = RawPath.At(request, 1, system);
        if (systems.ByKey(system) is not { } ws)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown code system", $"There is no code system '{system}' on this server. See /codes for the list.");
        }

        var offset = int.TryParse(request.Query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var cs = ws.Index;
        var top = cs.Roots;
        var html = new StringBuilder(16 * 1024);
        html.Append("<nav aria-label=\"Breadcrumb\" class=\"links crumbs\"><a href=\"/\">Search</a> › <a href=\"/codes\">Code systems</a> › ")
            .Append(E(ws.Name)).Append("</nav><h1>").Append(E(cs.Url == SnomedSection.System ? ws.Name : cs.Info.Title ?? ws.Name)).Append("</h1><p class=\"why\">")
            .Append(E(Count(cs.Concepts.Length))).Append(cs.Version is { } v ? ", version " + E(v) : "").Append(". ")
            .Append(cs.HasHierarchy ? $"The top of the hierarchy ({E(Count(top.Length, "entry", "entries"))}); open one to see what is under it." : "A flat list, in the code system's order.")
            .Append("</p><p><a href=\"/?system=").Append(U(ws.Key)).Append("\">Search ").Append(E(ws.Name)).Append("</a></p><ol class=\"results browse\">");
        foreach (var i in top.Skip(offset).Take(PageSize))
        {
            var c = cs.Concepts[i];
            html.Append("<li><a href=\"").Append(E(SearchApi.CodeHref(ws, c.Code))).Append("\"><span class=\"c\">").Append(E(c.Code)).Append("</span> <span class=\"d\">")
                .Append(E(c.Display ?? c.Code)).Append("</span></a>");
            if (c.Children.Length > 0)
            {
                html.Append("<p class=\"why\">").Append(E(Count(c.Children.Length, "code", "codes"))).Append(" directly under it</p>");
            }

            if (c.IsInactive)
            {
                html.Append("<p class=\"inactive\">inactive</p>");
            }

            html.Append("</li>");
        }

        html.Append("</ol>");
        Pager(html, "/codes/" + U(ws.Key) + "?", offset, top.Length);
        return Page($"{ws.Name} - {SiteName}", html.ToString());
    }

    /// <summary>Previous/next links of a paged list (<c>offset</c> in steps of <see cref="PageSize"/>).</summary>
    public static void Pager(StringBuilder html, string baseHref, int offset, int total)
    {
        if (total <= PageSize)
        {
            return;
        }

        html.Append("<nav class=\"pager links\" aria-label=\"Pages\">");
        if (offset > 0)
        {
            html.Append("<a rel=\"prev\" href=\"").Append(baseHref).Append("offset=").Append(Math.Max(0, offset - PageSize)).Append("\">Previous</a> ");
        }

        html.Append("<span>").Append(offset + 1).Append('–').Append(Math.Min(total, offset + PageSize)).Append(" of ").Append(total.ToString("N0", CultureInfo.InvariantCulture)).Append("</span>");
        if (offset + PageSize < total)
        {
            html.Append(" <a rel=\"next\" href=\"").Append(baseHref).Append("offset=").Append(offset + PageSize).Append("\">Next</a>");
        }

        html.Append("</nav>");
    }

    /// <summary>"1 code", "2,345 codes": the noun agrees with the number.</summary>
    public static string Count(int n, string one = "code", string many = "codes") =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
