using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>Turns a Firely <see cref="CodeSystem"/> into the engine's model (used for stored and request-local resources).</summary>
public static class FhirCodeSystemReader
{
    private const string StandardsStatusExtension = "http://hl7.org/fhir/StructureDefinition/structuredefinition-standards-status";

    public static CodeSystemInfo ReadInfo(CodeSystem cs) => new()
    {
        Url = cs.Url ?? throw TerminologyException.Invalid("CODESYSTEM_NO_URL", "A CodeSystem must have a url to be used for terminology operations."),
        Version = cs.Version,
        Name = cs.Name,
        Title = cs.Title,
        Status = cs.Status?.GetLiteral(),
        Experimental = cs.Experimental == true,
        StandardsStatus = cs.GetExtensionValue<Code>(StandardsStatusExtension)?.Value,
        Content = cs.Content?.GetLiteral() ?? "complete",
        Supplements = cs.Supplements,
        CaseSensitive = cs.CaseSensitive ?? true,
        HierarchyMeaning = cs.HierarchyMeaning?.GetLiteral(),
        Language = cs.Language,
        Publisher = cs.Publisher,
        Copyright = cs.Copyright,
    };

    public static PropertyDefinition ReadProperty(CodeSystem.PropertyComponent p) =>
        new(p.Code ?? "", p.Uri, p.Description, PropertyValues.ParseType(p.Type?.GetLiteral()));

    /// <summary>Builds an index for the whole resource.</summary>
    public static CodeSystemIndex ToIndex(CodeSystem cs, long revision = 0)
    {
        var builder = new CodeSystemIndexBuilder(ReadInfo(cs));
        foreach (var p in cs.Property)
        {
            builder.DeclareProperty(ReadProperty(p));
        }

        AddConcepts(builder, cs.Concept, null);
        return builder.Build(revision);
    }

    /// <summary>Adds the concept tree to <paramref name="builder"/>, depth first, keeping source order.</summary>
    public static void AddConcepts(CodeSystemIndexBuilder builder, IEnumerable<CodeSystem.ConceptDefinitionComponent> concepts, string? nestedUnder)
    {
        var stack = new Stack<(CodeSystem.ConceptDefinitionComponent Concept, string? Parent)>();
        foreach (var c in concepts.Reverse())
        {
            stack.Push((c, nestedUnder));
        }

        while (stack.Count > 0)
        {
            var (c, parent) = stack.Pop();
            if (string.IsNullOrEmpty(c.Code))
            {
                throw TerminologyException.Invalid("CONCEPT_NO_CODE", "Every CodeSystem.concept must have a code.");
            }

            var i = builder.AddConcept(c.Code, c.Display, c.Definition);
            if (c.Extension.Count > 0)
            {
                builder.SetExtensions(i, c.Extension.ToArray());
            }
            if (parent is not null)
            {
                builder.AddParent(i, parent, nested: true);
            }

            foreach (var p in c.Property)
            {
                if (PropertyValues.FromFhir(p.Code ?? "", p.Value) is { } v)
                {
                    builder.AddProperty(i, v);
                }
            }

            // A concept's standards-status (deprecated, withdrawn…) is its status when no status property says otherwise.
            if (!c.Property.Any(p => p.Code == "status")
                && c.GetExtensionValue<Code>(StandardsStatusExtension)?.Value is { Length: > 0 } standardsStatus
                && PropertyValues.FromFhir("status", new Code(standardsStatus)) is { } status)
            {
                builder.AddProperty(i, status);
            }

            foreach (var d in c.Designation)
            {
                builder.AddDesignation(i, new Designation(
                    d.Language,
                    d.Use is null ? null : new DesignationUse(d.Use.System, d.Use.Code, d.Use.Display),
                    d.Value ?? "",
                    d.Extension.Count > 0 ? d.Extension.ToArray() : null));
            }

            for (var k = c.Concept.Count - 1; k >= 0; k--)
            {
                stack.Push((c.Concept[k], c.Code));
            }
        }
    }
}
