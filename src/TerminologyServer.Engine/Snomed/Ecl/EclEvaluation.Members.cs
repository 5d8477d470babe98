using System.Globalization;

namespace TerminologyServer.Engine.Snomed.Ecl;

// Member of (^), refset field projection, member filters and history supplements.
internal sealed partial class EclEvaluation
{
    internal const long SameAs = 900000000000527005, ReplacedBy = 900000000000526001, WasA = 900000000000528000,
        PartiallyEquivalentTo = 1186924009, HistoricalAssociation = 900000000000522004;

    // Every historical association refset of the ECL specification's HISTORY-MAX profile, for editions that do not
    // carry the 900000000000522004 |Historical association| hierarchy.
    private static readonly long[] AllAssociations =
    [
        SameAs, ReplacedBy, WasA, PartiallyEquivalentTo, 900000000000523009, 900000000000524003, 900000000000525002,
        900000000000529008, 900000000000530003, 900000000000531004, 1186921001,
    ];

    private Bits MemberOf(EclMemberOf m)
    {
        var refsets = Evaluate(m.Refsets);
        var result = new Bits(Data.Count);
        foreach (var refset in Data.Refsets)
        {
            if (!refsets.Get(refset))
            {
                continue;
            }

            var members = Data.Members(refset);
            var fields = Data.RefsetFields(refset);
            Budget.Charge(members.Length + 1);
            var projected = m.Fields is null ? null : ProjectedColumns(m.Fields, fields);
            foreach (var member in members)
            {
                if (!Passes(m.Filters, member, fields))
                {
                    continue;
                }

                if (projected is null)
                {
                    if (member.ReferencedConcept >= 0)
                    {
                        result.Set(member.ReferencedConcept);
                    }

                    continue;
                }

                foreach (var column in projected)
                {
                    var position = column < 0 ? member.ReferencedConcept
                        : column < member.Fields.Count ? ConceptOf(member.Fields[column]) : -1;
                    if (position >= 0)
                    {
                        result.Set(position);
                    }
                }
            }
        }

        return result;
    }

    // The columns of a projection: -1 for referencedComponentId, else the index in the refset's additional fields.
    // A field the refset does not have selects nothing from it (another refset of the set may have it).
    private static List<int> ProjectedColumns(IReadOnlyList<string> wanted, IReadOnlyList<string> fields)
    {
        var columns = new List<int>();
        foreach (var name in wanted)
        {
            if (name == "*")
            {
                columns.Add(-1);
                columns.AddRange(Enumerable.Range(0, fields.Count));
            }
            else if (name.Equals("referencedComponentId", StringComparison.OrdinalIgnoreCase))
            {
                columns.Add(-1);
            }
            else
            {
                for (var i = 0; i < fields.Count; i++)
                {
                    if (fields[i].Equals(name, StringComparison.OrdinalIgnoreCase))
                    {
                        columns.Add(i);
                    }
                }
            }
        }

        return columns;
    }

    private int ConceptOf(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? Data.IndexOf(id) : -1;

    // The operand plus the inactive concepts whose active association (of the profile) targets one of its members.
    private Bits History(EclHistorySupplement h)
    {
        var operand = Evaluate(h.Operand);
        var result = operand.Copy();
        foreach (var refset in AssociationRefsets(h))
        {
            var fields = Data.RefsetFields(refset);
            var target = -1;
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i].Equals("targetComponentId", StringComparison.OrdinalIgnoreCase))
                {
                    target = i;
                }
            }

            if (target < 0)
            {
                continue;
            }

            var members = Data.Members(refset);
            Budget.Charge(members.Length + 1);
            foreach (var member in members)
            {
                if (member.Active && member.ReferencedConcept >= 0 && target < member.Fields.Count
                    && operand.Get(ConceptOf(member.Fields[target])))
                {
                    result.Set(member.ReferencedConcept);
                }
            }
        }

        return result;
    }

    private List<int> AssociationRefsets(EclHistorySupplement h)
    {
        Bits? chosen = h.Profile == EclHistoryProfile.Custom ? Evaluate(h.Refsets!) : null;
        var ids = h.Profile switch
        {
            EclHistoryProfile.Minimum => [SameAs],
            EclHistoryProfile.Moderate => [SameAs, ReplacedBy, WasA, PartiallyEquivalentTo],
            _ => AllAssociations,
        };
        var historical = Data.IndexOf(HistoricalAssociation);
        var underHistorical = h.Profile == EclHistoryProfile.Maximum && historical >= 0
            ? Closure(Single(HistoricalAssociation), down: true, includeSelf: false)
            : null;
        var result = new List<int>();
        foreach (var refset in Data.Refsets)
        {
            var take = chosen?.Get(refset)
                ?? (ids.Contains(Data.IdOf(refset)) || underHistorical?.Get(refset) == true);
            if (take)
            {
                result.Add(refset);
            }
        }

        return result;
    }
}
