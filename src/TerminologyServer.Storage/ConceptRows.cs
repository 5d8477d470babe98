using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Import;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage;

/// <summary>The normalised rows of one CodeSystem's concepts, and the conversions to and from FHIR.</summary>
public sealed class ConceptRows
{
    public List<ConceptEntity> Concepts { get; } = [];
    public List<ConceptParentEntity> Parents { get; } = [];
    public List<ConceptPropertyEntity> Properties { get; } = [];
    public List<ConceptDesignationEntity> Designations { get; } = [];

    /// <summary>
    /// The concept tree of <paramref name="cs"/> as the import contract's concepts, in document order (a parent
    /// before its children), so a resource write and an import share one row mapper and one writer.
    /// </summary>
    public static IEnumerable<ImportedConcept> FromFhir(CodeSystem cs)
    {
        var stack = new Stack<(CodeSystem.ConceptDefinitionComponent Concept, string? Parent)>();
        for (var i = cs.Concept.Count - 1; i >= 0; i--)
        {
            stack.Push((cs.Concept[i], null));
        }

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

            var concept = new ImportedConcept(c.Code, c.Display, c.Definition) { Extensions = c.Extension.Count == 0 ? null : c.Extension };
            if (parent is not null)
            {
                concept.Parent(parent);
            }

            foreach (var p in c.Property)
            {
                if (PropertyValues.FromFhir(p.Code ?? "", p.Value) is { } v)
                {
                    concept.Property(v);
                }
            }

            foreach (var d in c.Designation)
            {
                concept.Designation(new Designation(d.Language, d.Use is null ? null : new DesignationUse(d.Use.System, d.Use.Code, d.Use.Display), d.Value ?? "",
                    d.Extension.Count == 0 ? null : d.Extension));
            }

            for (var k = c.Concept.Count - 1; k >= 0; k--)
            {
                stack.Push((c.Concept[k], c.Code));
            }

            yield return concept;
        }
    }

    /// <summary>The one row mapper: adds the rows of <paramref name="c"/>, the concept at <paramref name="ordinal"/>; the first parent is the nesting one.</summary>
    public void Add(ImportedConcept c, long key, int ordinal)
    {
        Concepts.Add(new ConceptEntity { ResourceKey = key, Ordinal = ordinal, Code = c.Code, Display = c.Display, Definition = c.Definition, Extensions = ExtensionsJson(c.Extensions) });
        for (var k = 0; k < c.Parents.Count; k++)
        {
            Parents.Add(new ConceptParentEntity { ResourceKey = key, Ordinal = ordinal, Seq = k, ParentCode = c.Parents[k], Nested = k == 0 });
        }

        for (var k = 0; k < c.Properties.Count; k++)
        {
            var p = c.Properties[k];
            Properties.Add(new ConceptPropertyEntity { ResourceKey = key, Ordinal = ordinal, Seq = k, Code = p.Code, Type = (byte)p.Type, Value = p.Value, System = p.System, Display = p.Display });
        }

        for (var k = 0; k < c.Designations.Count; k++)
        {
            var d = c.Designations[k];
            Designations.Add(new ConceptDesignationEntity
            {
                ResourceKey = key, Ordinal = ordinal, Seq = k, Language = d.Language, UseSystem = d.Use?.System, UseCode = d.Use?.Code, UseDisplay = d.Use?.Display, Value = d.Value,
                Extensions = ExtensionsJson(d.Extensions),
            });
        }
    }

    /// <summary>
    /// Feeds the rows into an index builder (rows must be ordered by ordinal). The strings that repeat from row to row
    /// (property codes and short values, designation languages and uses) are shared, one instance each: read from the
    /// database every row has its own copy, tens of MB for ICD-10-CM's 120,000 properties and 98,000 designations.
    /// </summary>
    public void AddTo(CodeSystemIndexBuilder builder)
    {
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var uses = new Dictionary<(string?, string?, string?), DesignationUse>();
        var values = new Dictionary<PropertyValue, PropertyValue>();
        string? Shared(string? value)
        {
            if (value is null || value.Length > 32)
            {
                return value;
            }

            if (pool.TryGetValue(value, out var shared))
            {
                return shared;
            }

            pool[value] = value;
            return value;
        }

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
            // Property values are immutable records: equal ones (ICD-10-CM's 70,000 billable=true) are one object.
            var value = new PropertyValue(Shared(p.Code)!, (PropertyType)p.Type, Shared(p.Value)!, Shared(p.System), Shared(p.Display));
            if (p.Value.Length <= 32)
            {
                value = values.TryGetValue(value, out var same) ? same : values[value] = value;
            }

            builder.AddProperty(p.Ordinal, value);
        }

        foreach (var d in Designations)
        {
            DesignationUse? use = null;
            if (d.UseSystem is not null || d.UseCode is not null)
            {
                var key = (d.UseSystem, d.UseCode, d.UseDisplay);
                if (!uses.TryGetValue(key, out use))
                {
                    use = uses[key] = new DesignationUse(Shared(d.UseSystem), Shared(d.UseCode), Shared(d.UseDisplay));
                }
            }

            builder.AddDesignation(d.Ordinal, new Designation(
                Shared(d.Language),
                use,
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
