using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage;

/// <summary>The normalised rows of one CodeSystem's concepts, and the conversions to and from FHIR.</summary>
public sealed class ConceptRows
{
    public List<ConceptEntity> Concepts { get; } = [];
    public List<ConceptParentEntity> Parents { get; } = [];
    public List<ConceptPropertyEntity> Properties { get; } = [];
    public List<ConceptDesignationEntity> Designations { get; } = [];

    /// <summary>Flattens the concept tree of <paramref name="cs"/> into rows for <paramref name="resourceKey"/>.</summary>
    public static ConceptRows From(CodeSystem cs, long resourceKey)
    {
        var rows = new ConceptRows();
        var stack = new Stack<(CodeSystem.ConceptDefinitionComponent Concept, string? Parent)>();
        for (var i = cs.Concept.Count - 1; i >= 0; i--)
        {
            stack.Push((cs.Concept[i], null));
        }

        var ordinal = 0;
        while (stack.Count > 0)
        {
            var (c, parent) = stack.Pop();
            if (string.IsNullOrEmpty(c.Code))
            {
                // A concept without a code (v2-0550 has one) cannot be referenced; its children move up a level.
                for (var k = c.Concept.Count - 1; k >= 0; k--)
                {
                    stack.Push((c.Concept[k], parent));
                }

                continue;
            }

            var o = ordinal++;
            rows.Concepts.Add(new ConceptEntity { ResourceKey = resourceKey, Ordinal = o, Code = c.Code, Display = c.Display, Definition = c.Definition, Extensions = ExtensionsJson(c.Extension) });
            if (parent is not null)
            {
                rows.Parents.Add(new ConceptParentEntity { ResourceKey = resourceKey, Ordinal = o, Seq = 0, ParentCode = parent, Nested = true });
            }

            var seq = 0;
            foreach (var p in c.Property)
            {
                if (PropertyValues.FromFhir(p.Code ?? "", p.Value) is { } v)
                {
                    rows.Properties.Add(new ConceptPropertyEntity
                    {
                        ResourceKey = resourceKey, Ordinal = o, Seq = seq++, Code = v.Code, Type = (byte)v.Type, Value = v.Value, System = v.System, Display = v.Display,
                    });
                }
            }

            seq = 0;
            foreach (var d in c.Designation)
            {
                rows.Designations.Add(new ConceptDesignationEntity
                {
                    ResourceKey = resourceKey, Ordinal = o, Seq = seq++, Language = d.Language,
                    UseSystem = d.Use?.System, UseCode = d.Use?.Code, UseDisplay = d.Use?.Display, Value = d.Value ?? "",
                    Extensions = ExtensionsJson(d.Extension),
                });
            }

            for (var k = c.Concept.Count - 1; k >= 0; k--)
            {
                stack.Push((c.Concept[k], c.Code));
            }
        }

        return rows;
    }

    /// <summary>Feeds the rows into an index builder (rows must be ordered by ordinal).</summary>
    public void AddTo(CodeSystemIndexBuilder builder)
    {
        foreach (var c in Concepts)
        {
            var i = builder.AddConcept(c.Code, c.Display, c.Definition);
            if (c.Extensions is not null)
            {
                builder.SetExtensions(i, ParseExtensions(c.Extensions).ToArray());
            }
        }

        foreach (var p in Parents)
        {
            builder.AddParent(p.Ordinal, p.ParentCode, p.Nested);
        }

        foreach (var p in Properties)
        {
            builder.AddProperty(p.Ordinal, ToValue(p));
        }

        foreach (var d in Designations)
        {
            builder.AddDesignation(d.Ordinal, new Designation(
                d.Language,
                d.UseSystem is null && d.UseCode is null ? null : new DesignationUse(d.UseSystem, d.UseCode, d.UseDisplay),
                d.Value,
                d.Extensions is null ? null : ParseExtensions(d.Extensions).ToArray()));
        }
    }

    /// <summary>Rebuilds the nested FHIR concept tree, as it was received.</summary>
    public List<CodeSystem.ConceptDefinitionComponent> ToFhir()
    {
        var nodes = Concepts.Select(c => new CodeSystem.ConceptDefinitionComponent
        {
            Code = c.Code, Display = c.Display, Definition = c.Definition, Extension = c.Extensions is null ? [] : ParseExtensions(c.Extensions),
        }).ToArray();
        foreach (var p in Properties)
        {
            var v = ToValue(p);
            nodes[p.Ordinal].Property.Add(new CodeSystem.ConceptPropertyComponent { Code = v.Code, Value = PropertyValues.ToFhir(v) });
        }

        foreach (var d in Designations)
        {
            nodes[d.Ordinal].Designation.Add(new CodeSystem.DesignationComponent
            {
                Language = d.Language,
                Use = d.UseCode is null && d.UseSystem is null ? null : new Coding(d.UseSystem, d.UseCode, d.UseDisplay),
                Value = d.Value,
                Extension = d.Extensions is null ? [] : ParseExtensions(d.Extensions),
            });
        }

        var byCode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in Concepts)
        {
            byCode.TryAdd(c.Code, c.Ordinal);
        }

        var nestedUnder = new int[nodes.Length];
        Array.Fill(nestedUnder, -1);
        foreach (var p in Parents)
        {
            if (p.Nested && byCode.TryGetValue(p.ParentCode, out var parent))
            {
                nestedUnder[p.Ordinal] = parent;
            }
        }

        var roots = new List<CodeSystem.ConceptDefinitionComponent>();
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nestedUnder[i] < 0)
            {
                roots.Add(nodes[i]);
            }
            else
            {
                nodes[nestedUnder[i]].Concept.Add(nodes[i]);
            }
        }

        return roots;
    }

    /// <summary>Extensions as a FHIR JSON array (Firely's serializer), or null when there are none.</summary>
    public static string? ExtensionsJson(IReadOnlyList<Extension>? extensions) =>
        extensions is null || extensions.Count == 0 ? null : JsonSerializer.Serialize(extensions, FhirJson.Strict);

    public static List<Extension> ParseExtensions(string json) =>
        JsonSerializer.Deserialize<List<Extension>>(json, FhirJson.Lenient) ?? [];

    private static PropertyValue ToValue(ConceptPropertyEntity p) => new(p.Code, (PropertyType)p.Type, p.Value, p.System, p.Display);
}
