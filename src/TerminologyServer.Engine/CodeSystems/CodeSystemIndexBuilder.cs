namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// Collects concepts, parent links, properties and designations (from stored rows or from a FHIR resource)
/// and builds an immutable <see cref="CodeSystemIndex"/>. Parent links may name codes that appear later.
/// </summary>
public sealed class CodeSystemIndexBuilder
{
    // "deprecated" concepts are still active (use is discouraged, not invalid), as the tx ecosystem treats them.
    private static readonly HashSet<string> InactiveStatuses = new(StringComparer.Ordinal) { "retired", "inactive" };

    private const string NotSelectableUri = "http://hl7.org/fhir/concept-properties#notSelectable";

    private readonly CodeSystemInfo _info;
    private readonly List<PropertyDefinition> _properties = [];
    private readonly List<Concept> _concepts = [];
    private readonly List<List<PropertyValue>?> _conceptProperties = [];
    private readonly List<List<Designation>?> _conceptDesignations = [];
    private readonly List<(int Child, string ParentCode, bool Nested)> _parentLinks = [];
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);

    public CodeSystemIndexBuilder(CodeSystemInfo info)
    {
        _info = info;
    }

    public int Count => _concepts.Count;

    public CodeSystemIndexBuilder DeclareProperty(PropertyDefinition definition)
    {
        _properties.Add(definition);
        return this;
    }

    /// <summary>Adds a concept and returns its position, used to attach properties, designations and parents.</summary>
    public int AddConcept(string code, string? display, string? definition)
    {
        var index = _concepts.Count;
        _concepts.Add(new Concept(index, code, display, definition));
        _conceptProperties.Add(null);
        _conceptDesignations.Add(null);
        return index;
    }

    /// <summary>Links a concept to a parent by code. <paramref name="nested"/> marks the parent it was nested under.</summary>
    public void AddParent(int concept, string parentCode, bool nested = false) =>
        _parentLinks.Add((concept, parentCode, nested));

    public void AddProperty(int concept, PropertyValue value)
    {
        var v = value with { Code = Intern(value.Code) };
        (_conceptProperties[concept] ??= []).Add(v);
    }

    /// <summary>Sets the concept's own extensions (see <see cref="Concept.Extensions"/>).</summary>
    public void SetExtensions(int concept, Hl7.Fhir.Model.Extension[] extensions) => _concepts[concept].Extensions = extensions;

    public void AddDesignation(int concept, Designation designation) =>
        (_conceptDesignations[concept] ??= []).Add(designation);

    public CodeSystemIndex Build(long revision = 0)
    {
        var comparer = _info.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var byCode = new Dictionary<string, int>(_concepts.Count, comparer);
        foreach (var c in _concepts)
        {
            byCode.TryAdd(c.Code, c.Index);
        }

        var parents = new List<int>?[_concepts.Count];
        var children = new List<int>?[_concepts.Count];
        void Link(int child, int parent)
        {
            if (child == parent || (parents[child]?.Contains(parent) ?? false))
            {
                return;
            }

            (parents[child] ??= []).Add(parent);
            (children[parent] ??= []).Add(child);
        }

        foreach (var (child, parentCode, nested) in _parentLinks)
        {
            if (byCode.TryGetValue(parentCode, out var parent))
            {
                Link(child, parent);
                if (nested)
                {
                    _concepts[child].NestedUnder = parent;
                }
            }
        }

        // Hierarchy may also be stated as "parent"/"child" properties (R4 CodeSystem, concept-properties).
        for (var i = 0; i < _concepts.Count; i++)
        {
            if (_conceptProperties[i] is not { } props)
            {
                continue;
            }

            foreach (var p in props)
            {
                if (p.Code == "parent" && byCode.TryGetValue(p.Value, out var parent))
                {
                    Link(i, parent);
                }
                else if (p.Code == "child" && byCode.TryGetValue(p.Value, out var child))
                {
                    Link(child, i);
                }
            }
        }

        // A property declared with the standard notSelectable uri means it whatever its code.
        var notSelectableCodes = _properties.Where(p => p.Uri == NotSelectableUri).Select(p => p.Code).Append("notSelectable").Append("abstract").ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < _concepts.Count; i++)
        {
            var c = _concepts[i];
            c.Parents = parents[i]?.ToArray() ?? [];
            c.Children = children[i]?.ToArray() ?? [];
            c.Properties = _conceptProperties[i]?.ToArray() ?? [];
            c.Designations = _conceptDesignations[i]?.ToArray() ?? [];
            foreach (var p in c.Properties)
            {
                if ((p.Code == "inactive" && p.IsTrue) || (p.Code == "status" && InactiveStatuses.Contains(p.Value)))
                {
                    c.IsInactive = true;
                }
                else if (notSelectableCodes.Contains(p.Code) && p.IsTrue)
                {
                    c.IsAbstract = true;
                }
            }
        }

        return new CodeSystemIndex(_info, _properties.ToArray(), _concepts.ToArray(), revision);
    }

    private string Intern(string s)
    {
        if (_interned.TryGetValue(s, out var existing))
        {
            return existing;
        }

        _interned[s] = s;
        return s;
    }
}
