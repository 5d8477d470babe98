using System.Text;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;
using static TerminologyServer.Api.Web.Html;

namespace TerminologyServer.Api.Web;

/// <summary>
/// The "About this code" of a SNOMED CT concept: its fully specified name, its synonyms and its defining attributes
/// named by their attribute concepts, taken from <c>$lookup</c> (the edition's language refsets and inferred
/// relationships), since the index's own designations carry no use and its properties no attribute names.
/// </summary>
public static class SnomedSection
{
    public const string System = "http://snomed.info/sct";
    private const string FsnUse = "900000000000003001";

    /// <summary>Writes the section; false when the lookup gave nothing to write (the caller falls back to the generic one).</summary>
    public static bool Write(StringBuilder html, WebSystem ws, Concept concept, CodeSystemRegistry registry, LookupService lookup)
    {
        var cs = ws.Index;
        var result = lookup.Lookup(registry, new LookupRequest { System = cs.Url, Code = concept.Code, Version = cs.Version, Properties = ["*"] });
        var designations = result.Designations.Where(d => d.Value != concept.Display).ToList();
        var fsn = designations.FirstOrDefault(d => d.Use?.Code == FsnUse)?.Value;
        var synonyms = designations.Where(d => d.Use?.Code != FsnUse).Select(d => d.Value).Distinct().ToList();
        // Attributes are the properties whose code is itself a concept (it has a display); parent/child are the hierarchy below.
        var attributes = result.Properties.Where(p => p.CodeDisplay is not null && p.Code is not ("parent" or "child")).ToList();
        if (fsn is null && synonyms.Count == 0 && attributes.Count == 0)
        {
            return false;
        }

        html.Append("<section class=\"snomed\"><h2>About this code</h2>");
        if (fsn is not null)
        {
            html.Append("<p class=\"label\">Fully specified name</p><p class=\"fsn\">").Append(E(fsn)).Append("</p>");
        }

        if (synonyms.Count > 0)
        {
            html.Append("<p class=\"label\">Synonyms</p><ul class=\"synonyms\">");
            foreach (var s in synonyms)
            {
                html.Append("<li>").Append(E(s)).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (attributes.Count > 0)
        {
            html.Append("<h2>Defining attributes</h2><dl class=\"attributes\">");
            foreach (var a in attributes)
            {
                html.Append("<dt><a href=\"").Append(E(SearchApi.CodeHref(ws, a.Code))).Append("\">").Append(E(a.CodeDisplay!)).Append("</a></dt><dd>");
                if (cs.Find(a.Value.Value) is { } target)
                {
                    html.Append("<a href=\"").Append(E(SearchApi.CodeHref(ws, target.Code))).Append("\"><span class=\"c\">").Append(E(target.Code))
                        .Append("</span> ").Append(E(target.Display ?? target.Code)).Append("</a>");
                }
                else
                {
                    // A concrete value (#500) or a target outside the edition.
                    html.Append(E(a.Value.Display is null ? a.Value.Value : $"{a.Value.Value} ({a.Value.Display})"));
                }

                html.Append("</dd>");
            }

            html.Append("</dl>");
        }

        html.Append("<p class=\"why\">From ").Append(E(ws.Name)).Append(" edition ").Append(E(cs.Version ?? "")).Append(".</p></section>");
        return true;
    }
}
