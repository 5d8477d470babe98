namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// Collects the rows of one RF2 snapshot (in any order, components may refer to ones added later) and builds the
/// compact <see cref="SnomedEdition"/>. Only active inferred relationships are kept, as the edition serves the
/// inferred view; language refset members become the acceptability of their descriptions.
/// </summary>
public sealed class SnomedEditionBuilder
{
    private readonly List<long> _ids = [];
    private readonly List<SnomedConceptFacts> _facts = [];
    private readonly List<(long Concept, DescriptionRow Row)> _descriptions = [];
    private readonly List<(long Source, long Type, long Destination, string? Value, int Group)> _relationships = [];
    private readonly Dictionary<long, List<SnomedAcceptability>> _acceptability = [];
    private readonly Dictionary<long, RefsetRows> _refsets = [];
    private readonly List<(long Module, long DependsOn)> _dependencies = [];

    /// <summary>Number of concepts added so far.</summary>
    public int ConceptCount => _ids.Count;

    /// <summary>Number of descriptions and text definitions added so far.</summary>
    public int DescriptionCount => _descriptions.Count;

    /// <summary>Number of active inferred relationships (and concrete values) kept so far.</summary>
    public int RelationshipCount => _relationships.Count;

    /// <summary>Number of refset members added so far (language refsets included).</summary>
    public int MemberCount { get; private set; }

    public void AddConcept(long id, SnomedConceptFacts facts)
    {
        _ids.Add(id);
        _facts.Add(facts);
    }

    public void AddDescription(long id, bool active, long module, int effectiveTime, long concept, string language, long type, string term, long caseSignificance) =>
        _descriptions.Add((concept, new DescriptionRow(id, active, module, effectiveTime, language, type, term, caseSignificance)));

    /// <summary>Adds a relationship row; only active inferred ones are kept.</summary>
    public void AddRelationship(bool active, long source, long type, long destination, int group, long characteristicType)
    {
        if (active && characteristicType == SnomedIds.Inferred)
        {
            _relationships.Add((source, type, destination, null, group));
        }
    }

    /// <summary>Adds a concrete value row (<c>#12</c>, <c>"text"</c>...); only active inferred ones are kept.</summary>
    public void AddConcreteValue(bool active, long source, long type, string value, int group, long characteristicType)
    {
        if (active && characteristicType == SnomedIds.Inferred)
        {
            _relationships.Add((source, type, -1, value, group));
        }
    }

    /// <summary>Adds a refset member. <paramref name="fields"/> names the columns after referencedComponentId.</summary>
    public void AddMember(long refset, IReadOnlyList<string> fieldNames, string id, bool active, long module, int effectiveTime, long referencedComponent, string[] fields)
    {
        MemberCount++;
        if (refset == SnomedIds.ModuleDependencyRefset && active)
        {
            _dependencies.Add((module, referencedComponent));
        }
        if (!_refsets.TryGetValue(refset, out var rows))
        {
            _refsets[refset] = rows = new RefsetRows(fieldNames);
        }

        rows.Members.Add((id, active, module, effectiveTime, referencedComponent, fields));
    }

    /// <summary>Adds a language refset member: the acceptability of a description in the dialect <paramref name="refset"/>.</summary>
    public void AddLanguageMember(long refset, string id, bool active, long module, int effectiveTime, long description, long acceptability)
    {
        AddMember(refset, LanguageFields, id, active, module, effectiveTime, description, [acceptability.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (active)
        {
            if (!_acceptability.TryGetValue(description, out var list))
            {
                _acceptability[description] = list = [];
            }

            list.Add(new SnomedAcceptability(refset, acceptability == SnomedIds.Preferred));
        }
    }

    private static readonly string[] LanguageFields = ["acceptabilityId"];

    /// <summary>Builds the edition. Rows naming concepts the snapshot does not hold are dropped (a subset may cut them).</summary>
    public SnomedEdition Build(SnomedVersion version)
    {
        var order = Enumerable.Range(0, _ids.Count).ToArray();
        var ids = _ids.ToArray();
        Array.Sort(ids, order);
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                throw new ArgumentException($"Concept {ids[i]} is given twice in the snapshot.");
            }
        }

        var facts = new SnomedConceptFacts[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            facts[i] = _facts[order[i]];
        }

        int Pos(long id)
        {
            var p = Array.BinarySearch(ids, id);
            return p < 0 ? -1 : p;
        }

        var descriptions = new List<(int Concept, SnomedDescription D)>(_descriptions.Count);
        foreach (var (concept, r) in _descriptions)
        {
            var c = Pos(concept);
            var type = Pos(r.Type);
            if (c < 0)
            {
                continue;
            }

            IReadOnlyList<SnomedAcceptability> acceptability = _acceptability.TryGetValue(r.Id, out var a) ? a.ToArray() : [];
            descriptions.Add((c, new SnomedDescription(r.Id, r.Active, r.Module, r.EffectiveTime, r.Language, type, r.Term, r.CaseSignificance, acceptability)));
        }

        var relationships = new List<SnomedRelationship>(_relationships.Count);
        foreach (var (source, type, destination, value, group) in _relationships)
        {
            int s = Pos(source), t = Pos(type), d = value is null ? Pos(destination) : -1;
            if (s >= 0 && t >= 0 && (value is not null || d >= 0))
            {
                relationships.Add(new SnomedRelationship(s, t, d, value, group));
            }
        }

        var refsets = new Dictionary<int, (SnomedRefsetMember[] Members, IReadOnlyList<string> Fields)>();
        foreach (var (refset, rows) in _refsets)
        {
            var r = Pos(refset);
            if (r < 0)
            {
                continue;
            }

            var members = new SnomedRefsetMember[rows.Members.Count];
            for (var i = 0; i < members.Length; i++)
            {
                var (id, active, module, effectiveTime, component, fields) = rows.Members[i];
                members[i] = new SnomedRefsetMember(id, active, module, effectiveTime, component, Pos(component), fields);
            }

            refsets[r] = (members, rows.FieldNames);
        }

        return new SnomedEdition(version, ids, facts, descriptions, relationships, refsets) { ModuleDependencies = [.. _dependencies.Distinct()] };
    }

    private sealed record DescriptionRow(long Id, bool Active, long Module, int EffectiveTime, string Language, long Type, string Term, long CaseSignificance);

    private sealed class RefsetRows(IReadOnlyList<string> fieldNames)
    {
        public IReadOnlyList<string> FieldNames { get; } = fieldNames;
        public List<(string Id, bool Active, long Module, int EffectiveTime, long Component, string[] Fields)> Members { get; } = [];
    }
}
