using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Expand;

/// <summary>
/// Writes value set members as <c>expansion.contains</c>, honouring the presentation parameters of the
/// request. R5-only parts (<c>contains.property</c>, <c>expansion.property</c>) go out as the R5
/// cross-version extensions so that an R4 client keeps them.
/// </summary>
internal sealed class ExpansionWriter(ExpansionRequest request, SupplementSet supplements, bool showVersion)
{
    private readonly bool _withDesignations = request.IncludeDesignations == true || request.Designations.Count > 0;
    private readonly List<(string Code, string? Uri)> _propertiesUsed = [];
    private static readonly List<Designation> NoDesignations = [];

    /// <summary>A node of a nested (hierarchical) expansion.</summary>
    public sealed record Node(ExpansionItem Item, List<Node> Children);

    public ValueSet.ContainsComponent Write(ExpansionItem item)
    {
        // Without a display language or designations asked for, a member's designations are not looked at: no list per member.
        var designations = _withDesignations || !string.IsNullOrWhiteSpace(request.DisplayLanguage) ? ConceptPresenter.Designations(item, supplements) : NoDesignations;
        var contains = new ValueSet.ContainsComponent
        {
            System = item.System.Url,
            Version = showVersion ? item.System.Version : null,
            Code = item.Code,
            Display = ConceptPresenter.Display(item, designations, request.DisplayLanguage),
        };
        if (item.IsAbstract)
        {
            contains.Abstract = true;
        }

        if (item.IsInactive)
        {
            contains.Inactive = true;
        }

        if (_withDesignations)
        {
            foreach (var d in ConceptPresenter.ShownDesignations(item, designations, request.DisplayLanguage).Where(d => ConceptPresenter.DesignationWanted(d, request.Designations)))
            {
                contains.Designation.Add(new ValueSet.DesignationComponent
                {
                    Language = d.Language,
                    Use = d.Use is null ? null : new Coding(d.Use.System, d.Use.Code, d.Use.Display),
                    Value = d.Value,
                    Extension = d.Extensions is { Count: > 0 } extensions ? [.. extensions.Select(e => (Extension)e.DeepCopy())] : [],
                });
            }
        }

        var hasExtensions = ExtensionPresenter.HasAny(item, supplements);
        if (hasExtensions)
        {
            contains.Extension.AddRange(ExtensionPresenter.Echoed(item, supplements));
        }

        // includeDefinition is echoed but adds nothing to contains: as tx.fhir.org, a definition is returned when
        // asked for as the 'definition' property (R5 contains.property), not as the valueset-concept-definition extension.

        // A concept's stated status other than active travels with it unasked, as tx.fhir.org sends it (so a
        // retired member says so).
        IReadOnlyList<string> properties = request.Properties.Contains("status") || (item.Concept is { } concept ? ContentStatus.ConceptStatus(concept) : null) is null or "active"
            ? request.Properties
            : [.. request.Properties, "status"];

        // So do a label, an order and a weight stated by extensions (of the value set entry, a supplement or the code system).
        if (hasExtensions)
        {
            var extra = ConceptExtensions.PropertyCodes.Where(code => !properties.Contains(code) && ExtensionPresenter.PropertyValue(item, code, supplements) is not null).ToList();
            if (extra.Count > 0)
            {
                properties = [.. properties, .. extra];
            }
        }
        foreach (var code in properties)
        {
            foreach (var (propertyCode, value) in ConceptPresenter.PropertyValues(item, code, supplements))
            {
                var property = new Extension { Url = TerminologyExtensionUrls.ContainsProperty };
                property.Extension.Add(new Extension("code", new Code(propertyCode)));
                property.Extension.Add(new Extension("value", value));
                contains.Extension.Add(property);
                NoteProperty(item.System, propertyCode);
            }
        }

        return contains;
    }

    public ValueSet.ContainsComponent Write(Node node)
    {
        var contains = Write(node.Item);
        foreach (var child in node.Children)
        {
            contains.Contains.Add(Write(child));
        }

        return contains;
    }

    /// <summary>Declares the returned properties on the expansion (R5 <c>expansion.property</c>).</summary>
    public void WritePropertyDeclarations(ValueSet.ExpansionComponent expansion)
    {
        foreach (var (code, uri) in _propertiesUsed)
        {
            var declaration = new Extension { Url = TerminologyExtensionUrls.ExpansionProperty };
            declaration.Extension.Add(new Extension("code", new Code(code)));
            if (uri is not null)
            {
                declaration.Extension.Add(new Extension("uri", new FhirUri(uri)));
            }

            expansion.Extension.Add(declaration);
        }
    }

    private void NoteProperty(CodeSystemIndex cs, string code)
    {
        if (_propertiesUsed.Any(p => p.Code == code))
        {
            return;
        }

        var uri = cs.PropertyByCode.GetValueOrDefault(code)?.Uri
            ?? supplements.All.Select(s => s.PropertyByCode.GetValueOrDefault(code)?.Uri).FirstOrDefault(u => u is not null)
            ?? StandardPropertyUri(code);
        _propertiesUsed.Add((code, uri));
    }

    /// <summary>The uri of a property every code system has without declaring it (https://hl7.org/fhir/codesystem-concept-properties.html).</summary>
    private static string? StandardPropertyUri(string code) => code switch
    {
        "definition" or "status" or "inactive" or "notSelectable" or "parent" or "child" or "label" or "order" =>
            $"http://hl7.org/fhir/concept-properties#{code}",
        "weight" => "http://hl7.org/fhir/concept-properties#itemWeight",
        _ => null,
    };
}
