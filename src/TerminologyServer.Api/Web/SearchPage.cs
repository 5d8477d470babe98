using System.Text;
using TerminologyServer.Engine.Search;
using static TerminologyServer.Api.Web.Html;

namespace TerminologyServer.Api.Web;

/// <summary>
/// <c>GET /</c>: one search box, code system chips, results rendered on the server (so <c>/?q=epidurography</c>
/// works without JavaScript and can be shared); a small script refreshes the results as you type and lets the
/// arrow keys move through them.
/// </summary>
public static class SearchPage
{
    public static IResult Render(HttpRequest request, SystemDirectory systems, CodeSearch search)
    {
        var query = WebQuery.Read(request, systems);
        var html = new StringBuilder(16 * 1024);
        html.Append("<h1>").Append(SiteName).Append("</h1>")
            .Append("<form role=\"search\" action=\"/\" method=\"get\" id=\"search\">")
            .Append("<div class=\"row\"><div><label for=\"q\">Code or words</label>")
            .Append("<input type=\"search\" id=\"q\" name=\"q\" value=\"").Append(E(query.Text)).Append("\" autocomplete=\"off\" spellcheck=\"false\" ")
            .Append("maxlength=\"").Append(CodeSearch.MaxQueryLength).Append("\" aria-describedby=\"hint\" aria-controls=\"results\" autofocus></div>")
            .Append("<button type=\"submit\">Search</button></div>")
            .Append("<p id=\"hint\" class=\"why\">A code (72275, E11.9), the start of one, or words of its name. Use the down arrow to move through the results.</p>")
            .Append("<fieldset class=\"chips\"><legend>Code systems</legend>");
        Chip(html, "all", "All", query.System is null);
        foreach (var s in systems.Featured)
        {
            Chip(html, s.Key, s.Name, query.System?.Key == s.Key);
        }

        if (query.System is { } other && !systems.Featured.Contains(other))
        {
            Chip(html, other.Key, other.Name, true);
        }

        html.Append("</fieldset><label class=\"why\"><input type=\"checkbox\" name=\"active\" value=\"true\"")
            .Append(query.ActiveOnly ? " checked" : "").Append("> Active codes only</label>")
            .Append("<label class=\"why\"><input type=\"checkbox\" name=\"admin\" value=\"true\"")
            .Append(query.Administrative ? " checked" : "").Append("> Include FHIR administrative codes (HL7 code systems such as gender or encounter status)</label></form>");

        var status = StatusCodes.Status200OK;
        if (query.Error is not null)
        {
            status = StatusCodes.Status400BadRequest;
            html.Append("<p id=\"status\" role=\"status\" class=\"inactive\">").Append(E(query.Error)).Append("</p><ol id=\"results\" class=\"results\"></ol>");
        }
        else if (query.Text.Trim().Length == 0)
        {
            html.Append("<p id=\"status\" role=\"status\">Type a code or words to search every loaded code system.</p><ol id=\"results\" class=\"results\"></ol>");
        }
        else
        {
            var result = search.Search(query.ToSearch(), request.HttpContext.RequestAborted);
            var hits = SearchApi.ToHits(result, systems);
            html.Append("<p id=\"status\" role=\"status\">").Append(Summary(result.Total, query.Text)).Append("</p>");
            if (result.DidYouMean is { } respelt)
            {
                html.Append("<p id=\"did-you-mean\">Did you mean <a href=\"/?q=").Append(E(Uri.EscapeDataString(respelt))).Append("\">").Append(E(respelt)).Append("</a>?</p>");
            }

            html.Append("<ol id=\"results\" class=\"results\">");
            // Highlight the words the search looked for (lay terms rewritten as the search does).
            var words = Engine.Search.Words.Split(Engine.Search.Synonyms.Rewrite(query.Text));
            foreach (var h in hits)
            {
                Result(html, h, words);
            }

            html.Append("</ol>");
            if (result.Total > query.Offset + hits.Count)
            {
                html.Append("<p><a href=\"/?q=").Append(U(query.Text))
                    .Append(query.System is null ? "" : "&amp;system=" + U(query.System.Key))
                    .Append(query.ActiveOnly ? "&amp;active=true" : "")
                    .Append(query.Administrative ? "&amp;admin=true" : "")
                    .Append("&amp;offset=").Append(query.Offset + hits.Count).Append("\">More results</a></p>");
            }
        }

        var title = query.Text.Trim().Length > 0 && query.Error is null ? $"{query.Text} - {SiteName}" : SiteName;
        return Page(title, html.ToString(), status, SearchScript.Source);
    }

    private static void Chip(StringBuilder html, string key, string name, bool selected) =>
        html.Append("<label><input type=\"radio\" name=\"system\" value=\"").Append(E(key)).Append('"')
            .Append(selected ? " checked" : "").Append('>').Append(E(name)).Append("</label>");

    private static string Summary(int total, string text) =>
        total == 0 ? $"No codes match \u201c{E(text)}\u201d." : total == 1 ? $"1 code matches \u201c{E(text)}\u201d." : $"{total:N0} codes match \u201c{E(text)}\u201d.";

    private static void Result(StringBuilder html, SearchApi.Hit h, IReadOnlyList<string> words)
    {
        html.Append("<li><a href=\"").Append(E(h.Href)).Append("\"><span class=\"c\">").Append(E(h.Code)).Append("</span>")
            .Append("<span class=\"s\">").Append(E(h.SystemName)).Append("</span>")
            .Append("<span class=\"d\">").Append(Highlight(h.Display ?? h.Code, words)).Append("</span></a>");
        if (Why(h) is { } why)
        {
            html.Append("<p class=\"why\">").Append(E(why)).Append("</p>");
        }

        html.Append("</li>");
    }

    /// <summary>The display, HTML-encoded, with each word that starts with a query word in <c>&lt;mark&gt;</c>.</summary>
    public static string Highlight(string display, IReadOnlyList<string> words)
    {
        var html = new StringBuilder(display.Length + 32);
        var i = 0;
        while (i < display.Length)
        {
            if (!char.IsLetterOrDigit(display[i]))
            {
                html.Append(E(display[i].ToString()));
                i++;
                continue;
            }

            var end = i;
            while (end < display.Length && char.IsLetterOrDigit(display[end]))
            {
                end++;
            }

            var word = display[i..end];
            var hit = words.Any(w => w.Length > 0 && word.StartsWith(w, StringComparison.OrdinalIgnoreCase));
            html.Append(hit ? "<mark>" : "").Append(E(word)).Append(hit ? "</mark>" : "");
            i = end;
        }

        return html.ToString();
    }

    /// <summary>The reason shown under a result when the display alone does not explain it.</summary>
    public static string? Why(SearchApi.Hit h) => (h.Match, h.Inactive, h.Typo) switch
    {
        _ when h.Snippet is not null => (h.Match == "designation" ? "Also known as: " : "From its description: ") + h.Snippet,
        ("code", _, _) => "Exact code" + (h.Inactive ? " (inactive)" : ""),
        ("code-prefix", _, _) => "Code starts with your search" + (h.Inactive ? " (inactive)" : ""),
        (_, true, _) => "Inactive code",
        (_, _, true) => "Close spelling",
        _ => null,
    };
}
