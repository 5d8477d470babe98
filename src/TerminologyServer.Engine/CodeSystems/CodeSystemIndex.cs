using System.Collections.Frozen;

namespace TerminologyServer.Engine.CodeSystems;

/// <summary>
/// The in-memory read model of one code system version: concepts by code, the hierarchy as index arrays,
/// properties and designations. Immutable once built, so readers never lock; a change builds a new index.
/// Build with <see cref="CodeSystemIndexBuilder"/>.
/// </summary>
public sealed class CodeSystemIndex
{
    private readonly FrozenDictionary<string, int> _byCode;

    internal CodeSystemIndex(
        CodeSystemInfo info,
        IReadOnlyList<PropertyDefinition> properties,
        Concept[] concepts,
        long revision,
        object? model = null)
    {
        Info = info;
        Model = model;
        Properties = properties;
        Concepts = concepts;
        Revision = revision;
        var comparer = info.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var map = new Dictionary<string, int>(concepts.Length, comparer);
        foreach (var c in concepts)
        {
            map.TryAdd(c.Code, c.Index);
        }

        _byCode = map.ToFrozenDictionary(comparer);
        Roots = concepts.Where(c => c.Parents.Length == 0).Select(c => c.Index).ToArray();
        PropertyByCode = properties.GroupBy(p => p.Code).ToFrozenDictionary(g => g.Key, g => g.First());
        Behaviour = CodeSystemBehaviours.For(info.Url);
        Behaviour?.Prepare(this);
        _text = new Lazy<Search.ConceptTextIndex>(() => Search.ConceptTextIndex.Build(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// What this code system does beyond its concept list (codes of a grammar or post-coordination, rules, filters,
    /// whether it can be enumerated), if anything: the one hook for code systems defined by code.
    /// </summary>
    internal ICodeSystemBehaviour? Behaviour { get; }

    /// <summary>
    /// The code system's own model behind the concept list, for a behaviour that needs more than concepts (the
    /// <see cref="Snomed.SnomedEdition"/> of a SNOMED CT edition); null for an ordinary code system.
    /// </summary>
    public object? Model { get; }

    private readonly Lazy<Search.ConceptTextIndex> _text;

    /// <summary>The word index of this version's texts, built on first use (or ahead by the search engine) and kept with the index.</summary>
    public Search.ConceptTextIndex Text => _text.Value;

    /// <summary>True once <see cref="Text"/> has been built.</summary>
    public bool HasText => _text.IsValueCreated;


    public CodeSystemInfo Info { get; }
    public string Url => Info.Url;
    public string? Version => Info.Version;
    public IReadOnlyList<PropertyDefinition> Properties { get; }
    public FrozenDictionary<string, PropertyDefinition> PropertyByCode { get; }
    public Concept[] Concepts { get; }

    /// <summary>Indexes of concepts without a parent, in source order.</summary>
    public int[] Roots { get; }

    /// <summary>A number that grows with each stored change of this code system (0 for request-local ones).</summary>
    public long Revision { get; }

    public bool IsSupplement => Info.Content == "supplement";

    /// <summary>True when some concept has a parent, i.e. the code system is hierarchical.</summary>
    public bool HasHierarchy => Roots.Length != Concepts.Length;

    /// <summary>False for a code system defined by a grammar: its codes can be checked one by one but not listed.</summary>
    public bool IsEnumerable => Behaviour is null || Behaviour.IsEnumerable;

    /// <summary>A held concept, a well-formed post-coordinated expression of held concepts, or a code of the grammar (see <see cref="Find"/>).</summary>
    public bool TryGetConcept(string code, out Concept concept)
    {
        concept = Find(code)!;
        return concept is not null;
    }

    /// <summary>
    /// The concept with <paramref name="code"/>; for a code not held, what the code system's behaviour resolves: a
    /// concept composed for a well-formed CPT expression such as <c>62321:50</c>, a code of a grammar (UCUM,
    /// BCP-47...). Those are not in <see cref="Concepts"/> (their index is below zero).
    /// </summary>
    public Concept? Find(string code) =>
        _byCode.TryGetValue(code, out var i) ? Concepts[i] : Behaviour?.Resolve(this, code);

    /// <summary>The concept with <paramref name="code"/> among the held concepts only.</summary>
    public Concept? FindHeld(string code) => _byCode.TryGetValue(code, out var i) ? Concepts[i] : null;

    /// <summary>Every descendant of <paramref name="concept"/> (not itself), each once, even with several parents.</summary>
    public IEnumerable<Concept> Descendants(Concept concept)
    {
        var seen = new HashSet<int> { concept.Index };
        var stack = new Stack<int>(concept.Children.Reverse());
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            if (!seen.Add(i))
            {
                continue;
            }

            var c = Concepts[i];
            yield return c;
            for (var k = c.Children.Length - 1; k >= 0; k--)
            {
                stack.Push(c.Children[k]);
            }
        }
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="concept"/> or one of its ancestors.</summary>
    public bool Subsumes(Concept ancestor, Concept concept)
    {
        if (ancestor.Index == concept.Index)
        {
            // Composed concepts (post-coordinated expressions) all have index -1: only the same code is the same concept.
            return ancestor.Index >= 0 || ancestor.Code == concept.Code;
        }

        var seen = new HashSet<int>();
        var stack = new Stack<int>(concept.Parents);
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            if (i == ancestor.Index)
            {
                return true;
            }

            if (seen.Add(i))
            {
                foreach (var p in Concepts[i].Parents)
                {
                    stack.Push(p);
                }
            }
        }

        return false;
    }

    public override string ToString() => Version is null ? Url : $"{Url}|{Version}";
}
