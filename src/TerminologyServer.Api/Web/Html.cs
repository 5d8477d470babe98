using System.Net;
using System.Text;

namespace TerminologyServer.Api.Web;

/// <summary>Writing the pages: every piece of data goes through <see cref="E"/> (HTML-encoded), the layout and style are shared.</summary>
public static class Html
{
    public const string SiteName = "Search all medical codes";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A URL path segment or query value.</summary>
    public static string U(string? text) => Uri.EscapeDataString(text ?? "");

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK, string? script = null)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"top\"><a href=\"/\">").Append(SiteName).Append("</a></header>")
            .Append("<main id=\"main\">").Append(body).Append("</main>")
            .Append("<footer><a href=\"/fhir/metadata\">FHIR API</a> · <a href=\"/api/search?q=epidurography\">JSON API</a></footer>");
        if (script is not null)
        {
            html.Append("<script>").Append(script).Append("</script>");
        }

        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>An error page that says what went wrong and how to go on (never the raw input unencoded).</summary>
    public static IResult Problem(int status, string heading, string message) =>
        Page(heading + " - " + SiteName,
            $"<h1>{E(heading)}</h1><p>{E(message)}</p><p><a href=\"/\">Search all medical codes</a></p>", status);

    // Colours meet WCAG AA contrast on white (links #0b57d0 7:1-ish, grey text #4a4a4a).
    private const string Style = """
        :root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;line-height:1.5}
        body{margin:0}main{max-width:52rem;margin:0 auto;padding:1rem}
        .top{background:#0b3d91;padding:.6rem 1rem}.top a{color:#fff;font-weight:600;text-decoration:none}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem;z-index:2}
        a{color:#0b57d0}a:focus,button:focus,input:focus{outline:3px solid #f9a825;outline-offset:2px}
        h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #ddd}
        label{font-weight:600}input[type=search]{width:100%;box-sizing:border-box;font-size:1.1rem;padding:.5rem;border:2px solid #4a4a4a;border-radius:4px}
        .row{display:flex;gap:.5rem;align-items:end}.row>div{flex:1}
        button{font-size:1rem;padding:.5rem 1rem;background:#0b3d91;color:#fff;border:0;border-radius:4px}
        fieldset{border:0;padding:0;margin:.6rem 0}legend{font-weight:600;font-size:.95rem}
        .chips label{display:inline-block;font-weight:400;border:1px solid #4a4a4a;border-radius:1rem;padding:.1rem .7rem;margin:.15rem .1rem}
        .chips input{margin-right:.3rem}
        ol.results{list-style:none;padding:0}ol.results li{border-bottom:1px solid #e0e0e0;padding:.5rem 0}
        ol.results a{text-decoration:none;display:block}ol.results a:hover .d,ol.results a:focus .d{text-decoration:underline}
        .c{font-family:ui-monospace,monospace;font-weight:700;color:#1a1a1a}.s{font-size:.8rem;color:#4a4a4a;border:1px solid #999;border-radius:.6rem;padding:0 .4rem;margin:0 .4rem}
        .why{color:#4a4a4a;font-size:.9rem;margin:.1rem 0 0}.label{color:#4a4a4a;font-weight:600;margin:0}
        .code{font-family:ui-monospace,monospace;font-size:1.2rem}.inactive{color:#8a1c1c;font-weight:600}
        p.code{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem}button.copy{font-size:.8rem;padding:.2rem .6rem;background:#e8eefb;color:#0b3d91;border:1px solid #0b3d91}
        main{overflow-wrap:anywhere}.status{border-left:4px solid #8a1c1c;padding-left:.8rem}.replaces{border-left:4px solid #0b57d0;padding-left:.8rem}
        .pager{margin:1rem 0}pre.fhir{white-space:pre-wrap;font-size:.85rem;background:#f6f8fa;padding:.6rem;border-radius:4px}
        .links{font-size:.9rem}footer{max-width:52rem;margin:0 auto;padding:1rem;font-size:.9rem}
        @media (max-width:30rem){h1{font-size:1.3rem}.row{flex-direction:column;align-items:stretch}}
        """;
}
