namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// One loaded SNOMED CT edition version in compact arrays: concepts sorted by SCTID (position = rank), the IS-A
/// hierarchy and the active inferred relationships as CSR arrays (an offset array per concept into one flat
/// array), descriptions grouped by concept, refset members by refset. Immutable; built by <see cref="SnomedEditionBuilder"/>.
/// </summary>
public sealed class SnomedEdition : ISnomedData
{
    private readonly long[] _ids;
    private readonly SnomedConceptFacts[] _facts;
    private readonly int[] _parentStart, _parents, _childStart, _children;
    private readonly int[] _outStart, _inStart, _descStart;
    private readonly SnomedRelationship[] _out, _in;
    private readonly SnomedDescription[] _descriptions;
    private readonly int[] _refsets;
    private readonly Dictionary<int, (SnomedRefsetMember[] Members, IReadOnlyList<string> Fields)> _members;
    private readonly Lazy<Dictionary<int, List<(int Refset, int Target)>>> _associations;
    private readonly PositionCache<int> _descendants = new();

    internal SnomedEdition(
        SnomedVersion version, long[] ids, SnomedConceptFacts[] facts, List<(int Concept, SnomedDescription D)> descriptions,
        List<SnomedRelationship> relationships, Dictionary<int, (SnomedRefsetMember[] Members, IReadOnlyList<string> Fields)> refsets)
    {
        Version = version;
        _ids = ids;
        _facts = facts;
        var n = ids.Length;
        var isA = Array.BinarySearch(ids, SnomedIds.IsA);
        IsATypePosition = isA < 0 ? -1 : isA;

        descriptions.Sort((a, b) => a.Concept != b.Concept ? a.Concept.CompareTo(b.Concept) : a.D.Id.CompareTo(b.D.Id));
        (_descStart, _descriptions) = Csr(n, descriptions, d => d.Concept, d => d.D);

        var outbound = relationships.ToList();
        outbound.Sort((a, b) => a.Source != b.Source ? a.Source.CompareTo(b.Source) : a.Type != b.Type ? a.Type.CompareTo(b.Type) : a.Group != b.Group ? a.Group.CompareTo(b.Group) : a.Destination.CompareTo(b.Destination));
        (_outStart, _out) = Csr(n, outbound, r => r.Source, r => r);
        var inbound = relationships.Where(r => r.Destination >= 0).ToList();
        inbound.Sort((a, b) => a.Destination != b.Destination ? a.Destination.CompareTo(b.Destination) : a.Type != b.Type ? a.Type.CompareTo(b.Type) : a.Source.CompareTo(b.Source));
        (_inStart, _in) = Csr(n, inbound, r => r.Destination, r => r);

        var isAOut = outbound.Where(r => r.Type == IsATypePosition && r.Destination >= 0).Select(r => (r.Source, r.Destination)).Distinct().ToList();
        (_parentStart, _parents) = Csr(n, isAOut.OrderBy(p => p.Source).ThenBy(p => p.Destination).ToList(), p => p.Source, p => p.Destination);
        (_childStart, _children) = Csr(n, isAOut.OrderBy(p => p.Destination).ThenBy(p => p.Source).ToList(), p => p.Destination, p => p.Source);

        _members = refsets;
        _associations = new(BuildAssociations, LazyThreadSafetyMode.ExecutionAndPublication);
        _refsets = refsets.Where(r => r.Value.Members.Length > 0).Select(r => r.Key).Order().ToArray();
    }

    /// <summary>The edition and version this is (its full URI is <see cref="SnomedVersion.ToString"/>).</summary>
    public SnomedVersion Version { get; }

    /// <summary>
    /// The active rows of the module dependency refset, (module, module it depends on), kept even when a subset
    /// lacks the refset's own concept.
    /// </summary>
    public IReadOnlyList<(long Module, long DependsOn)> ModuleDependencies { get; init; } = [];

    /// <summary>The position of IS-A (116680003), -1 when the snapshot lacks it.</summary>
    public int IsATypePosition { get; }

    public int Count => _ids.Length;

    public int IndexOf(long conceptId)
    {
        var p = Array.BinarySearch(_ids, conceptId);
        return p < 0 ? -1 : p;
    }

    public long IdOf(int concept) => _ids[concept];

    public SnomedConceptFacts Facts(int concept) => _facts[concept];

    public ReadOnlySpan<int> Parents(int concept) => Slice(_parents, _parentStart, concept);

    public ReadOnlySpan<int> Children(int concept) => Slice(_children, _childStart, concept);

    public ReadOnlySpan<SnomedRelationship> Outbound(int concept) => Slice(_out, _outStart, concept);

    public ReadOnlySpan<SnomedRelationship> Inbound(int concept) => Slice(_in, _inStart, concept);

    public ReadOnlySpan<SnomedDescription> Descriptions(int concept) => Slice(_descriptions, _descStart, concept);

    public ReadOnlySpan<int> Refsets => _refsets;

    public ReadOnlySpan<SnomedRefsetMember> Members(int refset) =>
        _members.TryGetValue(refset, out var m) ? m.Members : ReadOnlySpan<SnomedRefsetMember>.Empty;

    public IReadOnlyList<string> RefsetFields(int refset) => _members.TryGetValue(refset, out var m) ? m.Fields : [];

    /// <summary>Number of active inferred relationships (concrete values included).</summary>
    public int RelationshipCount => _out.Length;

    /// <summary>Number of descriptions (text definitions included).</summary>
    public int DescriptionCount => _descriptions.Length;

    /// <summary>
    /// The active historical association targets of an (inactive) concept: (association refset, target) pairs from the
    /// refsets whose only field is <c>targetComponentId</c> (SAME AS, REPLACED BY, POSSIBLY EQUIVALENT TO...).
    /// </summary>
    public IReadOnlyList<(int Refset, int Target)> Associations(int concept) =>
        _associations.Value.TryGetValue(concept, out var list) ? list : [];

    private Dictionary<int, List<(int Refset, int Target)>> BuildAssociations()
    {
        var map = new Dictionary<int, List<(int Refset, int Target)>>();
        foreach (var (refset, (members, fields)) in _members)
        {
            if (fields.Count != 1 || fields[0] != "targetComponentId")
            {
                continue;
            }

            foreach (var m in members)
            {
                if (m.Active && m.ReferencedConcept >= 0 && long.TryParse(m.Fields[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var target) && IndexOf(target) is var t and >= 0)
                {
                    (map.TryGetValue(m.ReferencedConcept, out var list) ? list : map[m.ReferencedConcept] = []).Add((refset, t));
                }
            }
        }

        return map;
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="concept"/> or one of its inferred ancestors.</summary>
    public bool Subsumes(int ancestor, int concept)
    {
        if (ancestor == concept)
        {
            return true;
        }

        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(concept);
        while (stack.Count > 0)
        {
            foreach (var p in Parents(stack.Pop()))
            {
                if (p == ancestor)
                {
                    return true;
                }

                if (seen.Add(p))
                {
                    stack.Push(p);
                }
            }
        }

        return false;
    }

    /// <summary>Every descendant of <paramref name="concept"/> (not itself), ascending; kept for the next caller, so not to be changed.</summary>
    public int[] Descendants(int concept) => _descendants.GetOrAdd(concept, ListDescendants);

    private int[] ListDescendants(int concept)
    {
        var seen = new bool[Count];
        var stack = new Stack<int>();
        stack.Push(concept);
        var result = new List<int>();
        while (stack.Count > 0)
        {
            foreach (var c in Children(stack.Pop()))
            {
                if (!seen[c])
                {
                    seen[c] = true;
                    result.Add(c);
                    stack.Push(c);
                }
            }
        }

        result.Sort();
        return [.. result];
    }

    private static ReadOnlySpan<T> Slice<T>(T[] data, int[] start, int i) =>
        (uint)i < (uint)(start.Length - 1) ? data.AsSpan(start[i], start[i + 1] - start[i]) : ReadOnlySpan<T>.Empty;

    /// <summary>An offset array and the flat array of rows already sorted by their key.</summary>
    private static (int[] Start, TOut[] Data) Csr<TIn, TOut>(int n, List<TIn> sorted, Func<TIn, int> key, Func<TIn, TOut> value)
    {
        var start = new int[n + 1];
        foreach (var row in sorted)
        {
            start[key(row) + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            start[i + 1] += start[i];
        }

        var data = new TOut[sorted.Count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = value(sorted[i]);
        }

        return (start, data);
    }
}
