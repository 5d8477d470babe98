using TerminologyServer.Api.Startup;
using System.Text;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;
using static TerminologyServer.Api.Web.Html;

namespace TerminologyServer.Api.Web;

/// <summary>
/// <c>GET /codes/{system}/{code}</c>: the page of one code. Title (display), the code system label, the code, the
/// procedure narrative in sections when a supplement carries one, medical policies, related health-plan policies
/// (the related artifacts of the narrative's PlanDefinition), similar codes, parents and children, and links to the
/// FHIR JSON. Codes without a narrative show what their code system knows (definition, designations, properties).
/// </summary>
public static class CodePage
{
    private const int MaxChildren = CodeFacts.MaxChildren;

    public static IResult Render(string system, string code, HttpRequest request, SystemDirectory systems, CodeSystemRegistry registry, PlanDefinitionCache plans, Engine.Lookup.LookupService lookup)
    {
        system = RawPath.At(request, 1, system);
        code = RawPath.From(request, 2, code);
        if (systems.ByKey(system) is not { } ws)
        {
            var known = string.Join(", ", systems.Featured.Select(s => s.Key));
            return Problem(StatusCodes.Status404NotFound, "Unknown code system",
                $"There is no code system '{system}' on this server." + (known.Length > 0 ? $" Known code systems include: {known}." : ""));
        }

        var cs = ws.Index;
        if (cs.Find(code) is not { } concept)
        {
            return Page($"Unknown code - {SiteName}",
                $"<h1>Unknown code</h1><p>{E(ws.Name)} has no code \u201c{E(code)}\u201d.</p>"
                + $"<p><a href=\"/?q={U(code)}\">Search all code systems for \u201c{E(code)}\u201d</a></p>", StatusCodes.Status404NotFound);
        }

        var display = concept.Display ?? concept.Code;
        var narrative = Narrative.For(registry, cs, concept);
        var facts = CodeFacts.For(ws, concept, registry);
        var html = new StringBuilder(16 * 1024);
        html.Append("<nav aria-label=\"Breadcrumb\" class=\"links crumbs\"><a href=\"/\">Search</a> › <a href=\"/codes/").Append(U(ws.Key)).Append("\">")
            .Append(E(ws.Name)).Append("</a>");
        foreach (var a in facts.Ancestors)
        {
            html.Append(" › <a href=\"").Append(E(a.Href)).Append("\">").Append(E(a.Code)).Append("</a>");
        }

        html.Append("</nav>")
            .Append("<h1>").Append(E(display)).Append("</h1>")
            .Append("<p class=\"label\">").Append(E(ws.CodeLabel)).Append("</p>")
            .Append("<p class=\"code\"><span id=\"the-code\">").Append(E(concept.Code)).Append("</span> ")
            .Append("<button type=\"button\" class=\"copy\" data-copy=\"").Append(E(concept.Code)).Append("\">Copy code</button> ")
            .Append("<button type=\"button\" class=\"copy\" data-copy=\"").Append(E(cs.Url + "|" + concept.Code)).Append("\">Copy system|code</button></p>");
        Status(html, facts);
        if (narrative.Name is { } name)
        {
            html.Append("<section><h2>Name of the Procedure:</h2><p class=\"procedure-name\">").Append(E(name)).Append("</p></section>");
        }

        foreach (var section in narrative.Sections)
        {
            html.Append("<section><h2>").Append(E(section.Heading)).Append("</h2>");
            List(html, section.Items, section.Ordered, paragraphWhenSingle: !section.Ordered);
            html.Append("</section>");
        }

        if (narrative.Sections.Count == 0 && !(cs.Url == SnomedSection.System && SnomedSection.Write(html, ws, concept, registry, lookup)))
        {
            Known(html, ws, concept);
        }

        html.Append("<section><h2>Medical Policies and Guidelines for ").Append(E(display)).Append("</h2>");
        if (narrative.Policies.Count > 0)
        {
            List(html, narrative.Policies, ordered: false, paragraphWhenSingle: false);
        }
        else
        {
            html.Append("<p>No medical policy is recorded for this code.</p>");
        }

        html.Append("</section><section><h2>Related policies from health plans</h2>");
        var plan = narrative.PlanDefinitions.Select(plans.Find).FirstOrDefault(p => p is not null);
        RelatedPolicies(html, plan?.Plan);
        html.Append("</section><section><h2>Similar Codes</h2>");
        var similar = SimilarCodes.Find(cs, concept, 10);
        if (similar.Count == 0)
        {
            html.Append("<p>No similar codes found.</p>");
        }
        else
        {
            html.Append("<ul class=\"similar\">");
            foreach (var s in similar)
            {
                Link(html, ws, s.Concept, s.Relation switch
                {
                    Similarity.Replacement => "use instead",
                    Similarity.Replaced => "deleted code this one replaces",
                    Similarity.Sibling => "same group",
                    _ => null,
                });
            }

            html.Append("</ul>");
        }

        html.Append("</section>");
        Hierarchy(html, ws, concept);
        html.Append("<section><h2>FHIR</h2><ul class=\"links\"><li><a href=\"/fhir/CodeSystem/$lookup?system=").Append(U(cs.Url))
            .Append("&amp;code=").Append(U(concept.Code)).Append("&amp;property=*&amp;_format=json\">$lookup of this code (JSON)</a></li>");
        if (plan is { } p)
        {
            html.Append("<li><a href=\"/fhir/PlanDefinition/").Append(U(p.Id)).Append("?_format=json\">PlanDefinition ").Append(E(p.Plan.Url)).Append(" (JSON)</a></li>");
        }

        html.Append("<li><a href=\"/api/codes/").Append(U(ws.Key)).Append('/').Append(U(concept.Code)).Append("/similar\">Similar codes (JSON)</a></li></ul></section>");
        return Page($"{concept.Code} {display} - {ws.CodeLabel}", html.ToString(), script: CopyScript);
    }

    /// <summary>Copies a button's <c>data-copy</c> text; says "Copied" for a moment (and works without the Clipboard API).</summary>
    public const string CopyScript = """
        document.querySelectorAll('button.copy').forEach(function(b){b.addEventListener('click',function(){
          var t=b.getAttribute('data-copy'),old=b.textContent;
          function done(){b.textContent='Copied';setTimeout(function(){b.textContent=old;},1500);}
          if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t).then(done,done);}
          else{var a=document.createElement('textarea');a.value=t;document.body.appendChild(a);a.select();try{document.execCommand('copy');}catch(e){}a.remove();done();}
          b.setAttribute('data-copied',t);});});
        """;

    /// <summary>Status, and for a deleted code its definition and the codes to use instead; for a successor, what it replaces.</summary>
    private static void Status(StringBuilder html, CodeFacts facts)
    {
        if (facts.Inactive)
        {
            html.Append("<section class=\"status\" id=\"status\"><p class=\"inactive\">").Append(E(facts.StatusText))
                .Append(": it is no longer valid for new records").Append(facts.Status is "active" or "inactive" ? "" : " (status " + E(facts.Status) + ")").Append(".</p>");
            if (facts.Definition is { Length: > 0 } definition)
            {
                html.Append("<p class=\"definition\">").Append(E(definition)).Append("</p>");
            }

            if (facts.ReplacedBy.Count > 0)
            {
                html.Append("<h2>Use instead</h2><ul class=\"use-instead\">");
                foreach (var r in facts.ReplacedBy)
                {
                    CodeLinkItem(html, r);
                }

                html.Append("</ul>");
            }

            html.Append("</section>");
        }

        if (facts.Replaces.Count > 0)
        {
            html.Append("<section class=\"replaces\"><h2>Replaces</h2><p>This code replaces the deleted ")
                .Append(facts.Replaces.Count == 1 ? "code" : "codes").Append(":</p><ul class=\"replaces\">");
            foreach (var r in facts.Replaces)
            {
                CodeLinkItem(html, r);
            }

            html.Append("</ul></section>");
        }
    }

    private static void CodeLinkItem(StringBuilder html, CodeLink link) =>
        html.Append("<li><a href=\"").Append(E(link.Href)).Append("\"><span class=\"c\">").Append(E(link.Code)).Append("</span> ")
            .Append(E(link.Display ?? link.Code)).Append("</a>").Append(link.Inactive ? " <span class=\"inactive\">(inactive)</span>" : "").Append("</li>");

    private static void List(StringBuilder html, IReadOnlyList<string> items, bool ordered, bool paragraphWhenSingle)
    {
        if (paragraphWhenSingle && items.Count == 1)
        {
            html.Append("<p>").Append(E(items[0])).Append("</p>");
            return;
        }

        html.Append(ordered ? "<ol>" : "<ul>");
        foreach (var item in items)
        {
            html.Append("<li>").Append(E(item)).Append("</li>");
        }

        html.Append(ordered ? "</ol>" : "</ul>");
    }

    /// <summary>What the code system itself says, for codes without a narrative.</summary>
    private static void Known(StringBuilder html, WebSystem ws, Concept concept)
    {
        var cs = ws.Index;
        html.Append("<section><h2>About this code</h2>");
        if (concept.Definition is { Length: > 0 } definition && !concept.IsInactive)
        {
            html.Append("<p>").Append(E(definition)).Append("</p>");
        }

        if (concept.Designations.Length > 0)
        {
            html.Append("<p class=\"label\">Other names</p>");
            List(html, concept.Designations.Select(d => d.Value).Distinct().ToList(), ordered: false, paragraphWhenSingle: false);
        }

        var properties = concept.Properties.Where(p => p.Code is not ("parent" or "child")).ToList();
        if (properties.Count > 0)
        {
            html.Append("<dl>");
            foreach (var p in properties)
            {
                html.Append("<dt>").Append(E(p.Code)).Append("</dt><dd>");
                var shown = E(p.Display is null ? p.Value : $"{p.Value} ({p.Display})");
                // A Coding of this same system (a LOINC part, an RxNorm ingredient, an NDC product) links to its page.
                if ((p.System is null || p.System == cs.Url) && p.Type == PropertyType.Coding && cs.Find(p.Value) is { } target)
                {
                    html.Append("<a href=\"").Append(E(SearchApi.CodeHref(ws, target.Code))).Append("\">").Append(shown).Append("</a>");
                }
                else
                {
                    html.Append(shown);
                }

                html.Append("</dd>");
            }

            html.Append("</dl>");
        }

        html.Append("<p class=\"why\">From ").Append(E(cs.Info.Title ?? cs.Info.Name ?? cs.Url)).Append(cs.Version is null ? "" : " version " + E(cs.Version)).Append(".</p></section>");
    }

    /// <summary>A policy: labelled so by the narrative importer, or documentation written without a label (not an alternative, not the source).</summary>
    private static bool IsPolicy(RelatedArtifact a) =>
        a.Label == "Policy" || (a.Label is null && a.Type == RelatedArtifact.RelatedArtifactType.Documentation);

    private static void RelatedPolicies(StringBuilder html, PlanDefinition? plan)
    {
        // Only policy data: the plan's other artifacts (the supplement it came from, the alternatives) are not policies.
        var artifacts = (plan?.RelatedArtifact ?? []).Where(IsPolicy).ToList();
        if (artifacts.Count == 0)
        {
            html.Append("<p>No health plan policy is recorded for this code.</p>");
            return;
        }

        html.Append("<ul>");
        foreach (var a in artifacts)
        {
            var text = a.Display ?? a.Label ?? a.Citation ?? a.Url ?? a.Resource ?? "Policy";
            var url = a.Url ?? a.Document?.Url;
            html.Append("<li>");
            if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                html.Append("<a href=\"").Append(E(uri.AbsoluteUri)).Append("\" rel=\"noopener nofollow\">").Append(E(text)).Append("</a>");
            }
            else
            {
                html.Append(E(text));
            }

            if (a.Citation is { Length: > 0 } citation && citation != text)
            {
                html.Append(" <span class=\"why\">").Append(E(citation)).Append("</span>");
            }

            html.Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void Hierarchy(StringBuilder html, WebSystem ws, Concept concept)
    {
        var cs = ws.Index;
        if (concept.Parents.Length > 0)
        {
            html.Append("<section><h2>Parents</h2><ul>");
            foreach (var p in concept.Parents)
            {
                Link(html, ws, cs.Concepts[p], null);
            }

            html.Append("</ul></section>");
        }

        if (concept.Children.Length > 0)
        {
            html.Append("<section><h2>Children</h2><ul>");
            foreach (var c in concept.Children.Take(MaxChildren))
            {
                Link(html, ws, cs.Concepts[c], null);
            }

            html.Append("</ul>");
            if (concept.Children.Length > MaxChildren)
            {
                html.Append("<p>… and ").Append(concept.Children.Length - MaxChildren).Append(" more.</p>");
            }

            html.Append("</section>");
        }
    }

    private static void Link(StringBuilder html, WebSystem ws, Concept c, string? note)
    {
        html.Append("<li><a href=\"").Append(E(SearchApi.CodeHref(ws, c.Code))).Append("\"><span class=\"c\">").Append(E(c.Code)).Append("</span> ")
            .Append(E(c.Display ?? c.Code)).Append("</a>");
        if (note is not null)
        {
            html.Append(" <span class=\"why\">(").Append(E(note)).Append(")</span>");
        }

        html.Append("</li>");
    }
}
