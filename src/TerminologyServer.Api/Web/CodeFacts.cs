using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Search;

namespace TerminologyServer.Api.Web;

/// <summary>A code linked from another code's page or JSON: code, display, whether it is inactive, its page.</summary>
public sealed record CodeLink(string Code, string? Display, bool Inactive, string Href);

/// <summary>
/// What the code page and <c>GET /api/codes/{system}/{code}</c> say about a code: its status, definition, the
/// narrative's name of the procedure, the codes to use instead of a deleted code and the deleted codes it replaces,
/// its parents (nearest first up to the top) and children. One place, so the page and the JSON never disagree.
/// </summary>
public sealed record CodeFacts(
    string System, string SystemKey, string SystemName, string? Version, string Code, string? Display, string Status, bool Inactive,
    string? Definition, string? ProcedureName, IReadOnlyList<CodeLink> ReplacedBy, IReadOnlyList<CodeLink> Replaces,
    IReadOnlyList<CodeLink> Ancestors, IReadOnlyList<CodeLink> Children, int ChildCount, string Href)
{
    public const int MaxChildren = 200;

    public static CodeFacts For(WebSystem ws, Concept concept, CodeSystemRegistry registry)
    {
        var cs = ws.Index;
        var status = concept.PropertiesNamed("status").Select(p => p.Value).FirstOrDefault(v => v.Length > 0)
            ?? (concept.IsInactive ? "inactive" : "active");
        CodeLink Link(Concept c) => new(c.Code, c.Display, c.IsInactive, SearchApi.CodeHref(ws, c.Code));
        return new CodeFacts(
            cs.Url, ws.Key, ws.Name, cs.Version, concept.Code, concept.Display, status, concept.IsInactive, concept.Definition,
            Narrative.For(registry, cs, concept).Name,
            CodeReplacements.ReplacedBy(cs, concept).Select(Link).ToList(),
            CodeReplacements.Replaces(cs, concept).Select(Link).ToList(),
            AncestorsOf(cs, concept).Select(Link).ToList(),
            concept.Children.Take(MaxChildren).Select(i => Link(cs.Concepts[i])).ToList(),
            concept.Children.Length,
            SearchApi.CodeHref(ws, concept.Code));
    }

    /// <summary>The first-parent chain from the top of the hierarchy down to the concept's parent (a breadcrumb).</summary>
    public static IReadOnlyList<Concept> AncestorsOf(CodeSystemIndex cs, Concept concept)
    {
        var chain = new List<Concept>();
        var current = concept;
        while (current.Parents.Length > 0 && chain.Count < 64)
        {
            current = cs.Concepts[current.Parents[0]];
            if (chain.Contains(current))
            {
                break;
            }

            chain.Add(current);
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>A deleted code says so in words a reader knows; other statuses as stored.</summary>
    public string StatusText => Inactive
        ? (Status is "retired" or "deleted" || ReplacedBy.Count > 0 ? "Deleted code" : "Inactive code")
        : "Active code";
}
