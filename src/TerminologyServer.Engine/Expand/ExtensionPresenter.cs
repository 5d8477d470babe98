using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Expand;

/// <summary>
/// What an expansion member shows of the concept-level extensions of its value set entry, its supplements and its
/// code system, in that order of precedence: label, order and weight as properties, and the extensions that travel
/// with the member (rendering-*, coding-sctdescid, codesystem-alternate, and the value set entry's valueset-deprecated,
/// standards-status and valueset-concept-definition). A code system's standards-status on a concept is its status
/// property instead (see <see cref="ContentStatus.ConceptStatus"/>).
/// </summary>
internal static class ExtensionPresenter
{
    /// <summary>The value set entry's extensions that go out on the member as they are.</summary>
    private static bool EchoedFromValueSet(string? url) =>
        ConceptExtensions.IsEchoed(url) || url is ContentStatus.ValueSetDeprecated or ContentStatus.StandardsStatus or TerminologyExtensionUrls.ConceptDefinition;

    /// <summary>True when the member has concept-level extensions anywhere (cheap: no allocation when it has none).</summary>
    public static bool HasAny(ExpansionItem item, SupplementSet supplements)
    {
        if (item.Listed is { } listed && listed.Extension.Count > 0)
        {
            return true;
        }

        if (item.Concept is { Extensions.Length: > 0 })
        {
            return true;
        }

        if (supplements.All.Count == 0)
        {
            return false;
        }

        foreach (var (_, extra) in supplements.ConceptsFor(item.System, item.Code))
        {
            if (extra.Extensions.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of <c>label</c>, <c>order</c> or <c>weight</c> for the member, or null.</summary>
    public static DataType? PropertyValue(ExpansionItem item, string code, SupplementSet supplements)
    {
        if (item.Listed is { } listed && listed.Extension.Count > 0 && ConceptExtensions.PropertyValue(listed.Extension, code) is { } fromValueSet)
        {
            return fromValueSet;
        }

        foreach (var (_, extra) in supplements.ConceptsFor(item.System, item.Code))
        {
            if (extra.Extensions.Length > 0 && ConceptExtensions.PropertyValue(extra.Extensions, code) is { } fromSupplement)
            {
                return fromSupplement;
            }
        }

        return item.Concept is { Extensions.Length: > 0 } c ? ConceptExtensions.PropertyValue(c.Extensions, code) : null;
    }

    /// <summary>The extensions to put on the member (copies), one per url, the value set entry's first.</summary>
    public static List<Extension> Echoed(ExpansionItem item, SupplementSet supplements)
    {
        var result = new List<Extension>();
        void Add(IEnumerable<Extension> extensions, Func<string?, bool> echoed)
        {
            foreach (var e in extensions)
            {
                if (echoed(e.Url) && !result.Any(r => r.Url == e.Url))
                {
                    result.Add((Extension)e.DeepCopy());
                }
            }
        }

        if (item.Listed is { } listed)
        {
            Add(listed.Extension, EchoedFromValueSet);
        }

        foreach (var (_, extra) in supplements.ConceptsFor(item.System, item.Code))
        {
            Add(extra.Extensions, ConceptExtensions.IsEchoed);
        }

        if (item.Concept is { } c)
        {
            Add(c.Extensions, ConceptExtensions.IsEchoed);
        }

        return result;
    }
}
