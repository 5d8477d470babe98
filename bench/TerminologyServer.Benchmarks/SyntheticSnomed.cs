using TerminologyServer.Engine.Snomed;

namespace TerminologyServer.Benchmarks;

/// <summary>
/// A synthetic SNOMED CT edition of International size for the ECL benchmarks (no licensed content): 370,000
/// concepts under 138875005 in three big hierarchies (clinical findings 404684003, body structures 123037004,
/// morphologies 49755003), about 1.2 parents per concept, and finding site / associated morphology attributes on
/// every finding in one or two groups; one simple refset of 10,000 members. Deterministic (fixed seed).
/// </summary>
internal sealed class SyntheticSnomed : ISnomedData
{
    public const long Root = 138875005, Finding = 404684003, Body = 123037004, Morphology = 49755003,
        AttributeRoot = 410662002, IsA = 116680003, FindingSite = 363698007, Morph = 116676008, Refset = 723264001;

    private readonly long[] _ids;
    private readonly Dictionary<long, int> _positions;
    private readonly int[][] _parents, _children;
    private readonly SnomedRelationship[][] _outbound, _inbound;
    private readonly SnomedRefsetMember[] _members;
    private readonly int _refset;

    public SyntheticSnomed(int count = 370_000, int seed = 13)
    {
        var random = new Random(seed);
        var named = new[] { Root, Finding, Body, Morphology, AttributeRoot, IsA, FindingSite, Morph, Refset };
        _ids = new long[count];
        named.CopyTo(_ids, 0);
        for (var i = named.Length; i < count; i++)
        {
            _ids[i] = Sctid(1_000_000L + i);
        }

        _positions = new Dictionary<long, int>(count);
        for (var i = 0; i < count; i++)
        {
            _positions[_ids[i]] = i;
        }

        var parents = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            parents[i] = [];
        }

        foreach (var top in new[] { 1, 2, 3, 4, 8 })
        {
            parents[top].Add(0);
        }

        parents[5].Add(4);
        parents[6].Add(4);
        parents[7].Add(4);

        // Each concept joins one of the three big hierarchies under a random earlier member of it, biased to the
        // recent ones so the hierarchy is deep (as SNOMED CT's is: 10-20 levels).
        var blocks = new List<int>[] { [1], [2], [3] };
        for (var i = named.Length; i < count; i++)
        {
            var block = blocks[i % 3];
            var parent = block[Math.Max(0, block.Count - 1 - (int)(random.NextDouble() * random.NextDouble() * block.Count))];
            parents[i].Add(parent);
            if (random.Next(5) == 0)
            {
                var second = block[random.Next(block.Count)];
                if (second != parent)
                {
                    parents[i].Add(second);
                }
            }

            block.Add(i);
        }

        var outbound = new List<SnomedRelationship>[count];
        var inbound = new List<SnomedRelationship>[count];
        for (var i = 0; i < count; i++)
        {
            outbound[i] = [];
            inbound[i] = [];
        }

        void Add(int s, int type, int d, int group)
        {
            var r = new SnomedRelationship(s, type, d, null, group);
            outbound[s].Add(r);
            inbound[d].Add(r);
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var p in parents[i])
            {
                Add(i, 5, p, 0);
            }

            if (i >= named.Length && i % 3 == 0)
            {
                for (var g = 1; g <= 1 + random.Next(2); g++)
                {
                    Add(i, 6, blocks[1][random.Next(blocks[1].Count)], g);
                    Add(i, 7, blocks[2][random.Next(blocks[2].Count)], g);
                }
            }
        }

        _parents = parents.Select(p => p.Order().ToArray()).ToArray();
        var children = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            children[i] = [];
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var p in _parents[i])
            {
                children[p].Add(i);
            }
        }

        _children = children.Select(c => c.ToArray()).ToArray();
        _outbound = outbound.Select(o => o.OrderBy(r => r.Type).ThenBy(r => r.Group).ToArray()).ToArray();
        _inbound = inbound.Select(o => o.OrderBy(r => r.Type).ToArray()).ToArray();
        _refset = 8;
        _members = Enumerable.Range(0, 10_000).Select(k => named.Length + k * 30)
            .Select(p => new SnomedRefsetMember(p.ToString(), true, 900000000000207008, 20250101, _ids[p], p, [])).ToArray();
        Relationships = _outbound.Sum(o => o.Length);
    }

    public int Relationships { get; }

    /// <summary>A valid concept SCTID for an item number: the item, partition 00, the Verhoeff check digit.</summary>
    public static long Sctid(long item)
    {
        var body = item.ToString(System.Globalization.CultureInfo.InvariantCulture) + "00";
        for (var check = 0; check < 10; check++)
        {
            if (Engine.Snomed.Sctid.HasValidCheckDigit(body + check))
            {
                return long.Parse(body + check, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("no check digit");
    }

    public int Count => _ids.Length;

    public int IndexOf(long conceptId) => _positions.GetValueOrDefault(conceptId, -1);

    public long IdOf(int concept) => _ids[concept];

    public SnomedConceptFacts Facts(int concept) => new(true, 900000000000207008, 20250101, true);

    public ReadOnlySpan<int> Parents(int concept) => _parents[concept];

    public ReadOnlySpan<int> Children(int concept) => _children[concept];

    public ReadOnlySpan<SnomedRelationship> Outbound(int concept) => _outbound[concept];

    public ReadOnlySpan<SnomedRelationship> Inbound(int concept) => _inbound[concept];

    public ReadOnlySpan<SnomedDescription> Descriptions(int concept) => [];

    public ReadOnlySpan<int> Refsets => new[] { _refset };

    public ReadOnlySpan<SnomedRefsetMember> Members(int refset) => refset == _refset ? _members : [];

    public IReadOnlyList<string> RefsetFields(int refset) => [];
}
