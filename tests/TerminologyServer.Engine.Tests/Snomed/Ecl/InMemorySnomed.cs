using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

/// <summary>
/// A test-only ISnomedData: concepts, relationships, descriptions and refset members added by SCTID, then frozen
/// into sorted arrays. Used for the hand-made edition of the unit tests and, through <see cref="Rf2TestLoader"/>,
/// for the HL7 test subontology.
/// </summary>
internal sealed class InMemorySnomed : ISnomedData
{
    private readonly List<long> _ids = [];
    private readonly Dictionary<long, int> _positions = [];
    private readonly List<SnomedConceptFacts> _facts = [];
    private readonly List<(long Source, long Type, long Destination, string? Concrete, int Group)> _relationships = [];
    private readonly List<(long Concept, SnomedDescription Description)> _descriptions = [];
    private readonly List<(long Refset, string Id, bool Active, long Module, int Time, long Referenced, string[] Fields)> _members = [];
    private readonly Dictionary<long, string[]> _refsetFields = [];

    private int[][] _parents = [], _children = [];
    private SnomedRelationship[][] _outbound = [], _inbound = [];
    private SnomedDescription[][] _descriptionsOf = [];
    private SnomedRefsetMember[][] _membersOf = [];
    private string[][] _fieldsOf = [];
    private int[] _refsets = [];

    public InMemorySnomed Concept(long id, bool active = true, bool primitive = true, long module = 900000000000207008, int time = 20250101)
    {
        _positions[id] = _ids.Count;
        _ids.Add(id);
        _facts.Add(new SnomedConceptFacts(active, module, time, primitive));
        return this;
    }

    public InMemorySnomed IsA(long child, long parent) => Relationship(child, 116680003, parent);

    public InMemorySnomed Relationship(long source, long type, long destination, int group = 0)
    {
        _relationships.Add((source, type, destination, null, group));
        return this;
    }

    public InMemorySnomed Concrete(long source, long type, string value, int group = 0)
    {
        _relationships.Add((source, type, 0, value, group));
        return this;
    }

    public InMemorySnomed Description(long concept, long id, string term, long type = 900000000000013009, string language = "en",
        bool active = true, long module = 900000000000207008, int time = 20250101, params SnomedAcceptability[] acceptability)
    {
        _descriptions.Add((concept, new SnomedDescription(id, active, module, time, language, 0, term, 900000000000448009, acceptability)));
        _descriptionTypes.Add(type);
        return this;
    }

    private readonly List<long> _descriptionTypes = [];

    public InMemorySnomed Fields(long refset, params string[] fields)
    {
        _refsetFields[refset] = fields;
        return this;
    }

    public InMemorySnomed Member(long refset, long referenced, params string[] fields) =>
        Member(refset, referenced, true, 900000000000207008, 20250101, fields);

    public InMemorySnomed Member(long refset, long referenced, bool active, long module, int time, params string[] fields)
    {
        _members.Add((refset, Guid.NewGuid().ToString(), active, module, time, referenced, fields));
        return this;
    }

    public InMemorySnomed Build()
    {
        var n = _ids.Count;
        var parents = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var children = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var outbound = Enumerable.Range(0, n).Select(_ => new List<SnomedRelationship>()).ToArray();
        var inbound = Enumerable.Range(0, n).Select(_ => new List<SnomedRelationship>()).ToArray();
        foreach (var (source, type, destination, concrete, group) in _relationships)
        {
            if (!_positions.TryGetValue(source, out var s) || !_positions.TryGetValue(type, out var t))
            {
                continue;
            }

            var d = concrete is null ? _positions.GetValueOrDefault(destination, -1) : -1;
            if (concrete is null && d < 0)
            {
                continue;
            }

            var r = new SnomedRelationship(s, t, d, concrete, group);
            outbound[s].Add(r);
            if (d >= 0)
            {
                inbound[d].Add(r);
            }

            if (type == 116680003 && d >= 0)
            {
                parents[s].Add(d);
                children[d].Add(s);
            }
        }

        _parents = parents.Select(p => p.Distinct().Order().ToArray()).ToArray();
        _children = children.Select(c => c.Distinct().Order().ToArray()).ToArray();
        _outbound = outbound.Select(o => o.OrderBy(r => r.Type).ThenBy(r => r.Group).ToArray()).ToArray();
        _inbound = inbound.Select(i => i.OrderBy(r => r.Type).ToArray()).ToArray();

        var descriptions = Enumerable.Range(0, n).Select(_ => new List<SnomedDescription>()).ToArray();
        for (var i = 0; i < _descriptions.Count; i++)
        {
            var (concept, d) = _descriptions[i];
            if (_positions.TryGetValue(concept, out var c))
            {
                descriptions[c].Add(d with { Type = _positions.GetValueOrDefault(_descriptionTypes[i], -1) });
            }
        }

        _descriptionsOf = descriptions.Select(d => d.ToArray()).ToArray();

        var members = Enumerable.Range(0, n).Select(_ => new List<SnomedRefsetMember>()).ToArray();
        foreach (var m in _members)
        {
            if (_positions.TryGetValue(m.Refset, out var r))
            {
                members[r].Add(new SnomedRefsetMember(m.Id, m.Active, m.Module, m.Time, m.Referenced,
                    _positions.GetValueOrDefault(m.Referenced, -1), m.Fields));
            }
        }

        _membersOf = members.Select(m => m.ToArray()).ToArray();
        _refsets = Enumerable.Range(0, n).Where(i => _membersOf[i].Length > 0).ToArray();
        _fieldsOf = Enumerable.Range(0, n).Select(i => _refsetFields.GetValueOrDefault(_ids[i], [])).ToArray();
        return this;
    }

    public int Count => _ids.Count;

    public int IndexOf(long conceptId) => _positions.GetValueOrDefault(conceptId, -1);

    public long IdOf(int concept) => _ids[concept];

    public SnomedConceptFacts Facts(int concept) => _facts[concept];

    public ReadOnlySpan<int> Parents(int concept) => _parents[concept];

    public ReadOnlySpan<int> Children(int concept) => _children[concept];

    public ReadOnlySpan<SnomedRelationship> Outbound(int concept) => _outbound[concept];

    public ReadOnlySpan<SnomedRelationship> Inbound(int concept) => _inbound[concept];

    public ReadOnlySpan<SnomedDescription> Descriptions(int concept) => _descriptionsOf[concept];

    public ReadOnlySpan<int> Refsets => _refsets;

    public ReadOnlySpan<SnomedRefsetMember> Members(int refset) => _membersOf[refset];

    public IReadOnlyList<string> RefsetFields(int refset) => _fieldsOf[refset];

    /// <summary>The SCTIDs of positions, for readable assertions.</summary>
    public long[] Ids(IEnumerable<int> positions) => positions.Select(IdOf).ToArray();
}
