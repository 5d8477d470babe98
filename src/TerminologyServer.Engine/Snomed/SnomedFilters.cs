using System.Globalization;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// The filters HL7 defines for SNOMED CT (https://terminology.hl7.org/SNOMEDCT.html#filters): <c>concept</c> with
/// is-a, descendent-of, is-not-a, in (a reference set) and =; <c>constraint</c> and <c>expression</c> with = (ECL);
/// <c>expressions</c> = true/false (whether post-coordinated expressions belong); the concept fields
/// <c>inactive</c>, <c>moduleId</c>, <c>sufficientlyDefined</c>, <c>effectiveTime</c>; and an attribute id = a value.
/// A post-coordinated expression is subsumed by what subsumes all its focus concepts.
/// </summary>
internal static class SnomedFilters
{
    public static CompiledFilter? Compile(CodeSystemIndex cs, SnomedEdition edition, SnomedBehaviour behaviour, string property, string op, string value)
    {
        switch (property)
        {
            case "concept":
                return ConceptFilter(cs, edition, behaviour, op, value);
            case "constraint" or "expression" when op == "=":
                var (selected, matchesExpression) = SnomedEcl.Compile(edition, value);
                return CompiledFilter.Exactly(
                    cs,
                    c => c.Index >= 0 ? Array.BinarySearch(selected, c.Index) >= 0 : behaviour.Expression(cs, c.Code)?.Expression is { } e && matchesExpression(e),
                    () => selected);
            case "expressions" when op == "=":
                var allowed = Bool(value, property);
                return new CompiledFilter(c => allowed || c.Index >= 0);
            case "inactive" when op == "=":
                var inactive = Bool(value, property);
                return new CompiledFilter(c => c.IsInactive == inactive);
            case "sufficientlyDefined" when op == "=":
                var defined = Bool(value, property);
                return new CompiledFilter(c => c.Index >= 0 && !edition.Facts(c.Index).Primitive == defined);
            case "moduleId" when op == "=":
                var module = Id(edition, value, property, mustExist: false);
                return new CompiledFilter(c => c.Index >= 0 && edition.Facts(c.Index).ModuleId == module);
            case "effectiveTime" when op == "=":
                var date = value.Replace("-", "", StringComparison.Ordinal);
                return new CompiledFilter(c => c.Index >= 0 && edition.Facts(c.Index).EffectiveTime.ToString(CultureInfo.InvariantCulture) == date);
        }

        if (op == "=" && property.All(char.IsAsciiDigit) && edition.IndexOf(long.Parse(property, CultureInfo.InvariantCulture)) is var type and >= 0)
        {
            var target = edition.IndexOf(Id(edition, value, property, mustExist: true));
            var matches = new HashSet<int>();
            foreach (var r in edition.Inbound(target))
            {
                if (r.Type == type)
                {
                    matches.Add(r.Source);
                }
            }

            return Positions(cs, [.. matches.Order()]);
        }

        return null;
    }

    private static CompiledFilter? ConceptFilter(CodeSystemIndex cs, SnomedEdition edition, SnomedBehaviour behaviour, string op, string value)
    {
        if (op is not ("is-a" or "descendent-of" or "is-not-a" or "in" or "=" or "generalizes"))
        {
            return null;
        }

        var target = edition.IndexOf(Id(edition, value, "concept", mustExist: false));
        if (target < 0)
        {
            // An unknown concept (or refset) selects nothing; $validate-code says why the code is not in the value set.
            return op == "is-not-a" ? new CompiledFilter(_ => true) : CompiledFilter.None;
        }

        // Once an expansion has listed the descendants, membership is a binary search in them: the expander checks
        // each listed concept against the filter again, and a walk up the DAG per concept made `<< 404684003` (112,000
        // concepts at International size) cost a quarter of a second. Before that (a $validate-code), one walk.
        var below = new Lazy<int[]>(() => edition.Descendants(target));  // ascending
        var selfAndBelow = new Lazy<IReadOnlyList<int>>(() => new Prepended(target, below.Value));
        bool Below(int p) => below.IsValueCreated ? Array.BinarySearch(below.Value, p) >= 0 : edition.Subsumes(target, p);
        bool Subsumed(Concept c, bool self) =>
            c.Index >= 0
                ? c.Index == target ? self : Below(c.Index)
                : behaviour.Expression(cs, c.Code)?.Expression is { } e && e.Focus.All(f => edition.IndexOf(f) is var p and >= 0 && (p == target || Below(p)));

        switch (op)
        {
            case "is-a":
                return CompiledFilter.Exactly(cs, c => Subsumed(c, true), () => selfAndBelow.Value);
            case "descendent-of":
                return CompiledFilter.Exactly(cs, c => Subsumed(c, false), () => below.Value);
            case "is-not-a":
                return new CompiledFilter(c => !Subsumed(c, true));
            case "generalizes":
                return new CompiledFilter(c => c.Index >= 0 && edition.Subsumes(c.Index, target));
            case "=":
                return CompiledFilter.Exactly(cs, c => c.Index == target, () => [target]);
            default:
                var members = new SortedSet<int>();
                foreach (var m in edition.Members(target))
                {
                    if (m.Active && m.ReferencedConcept >= 0)
                    {
                        members.Add(m.ReferencedConcept);
                    }
                }

                return Positions(cs, [.. members]);
        }
    }

    /// <summary>A concept before its (shared, cached) descendants, without copying them.</summary>
    private sealed class Prepended(int first, int[] rest) : IReadOnlyList<int>
    {
        public int Count => rest.Length + 1;

        public int this[int index] => index == 0 ? first : rest[index - 1];

        public IEnumerator<int> GetEnumerator() => rest.Prepend(first).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A filter over a sorted set of concept positions.</summary>
    internal static CompiledFilter Positions(CodeSystemIndex cs, int[] sorted) =>
        CompiledFilter.Exactly(cs, c => c.Index >= 0 && Array.BinarySearch(sorted, c.Index) >= 0, () => sorted);

    private static bool Bool(string value, string property) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new TerminologyException(Hl7.Fhir.Model.OperationOutcome.IssueType.Invalid, "SCT_FILTER_VALUE", $"The value of the SNOMED CT filter '{property}' must be true or false, not '{value}'."),
    };

    private static long Id(SnomedEdition edition, string value, string property, bool mustExist)
    {
        var text = value.Split('|')[0].Trim();
        if (!Sctid.IsValid(text))
        {
            throw new TerminologyException(Hl7.Fhir.Model.OperationOutcome.IssueType.Invalid, "SCT_FILTER_VALUE", $"The value '{value}' of the SNOMED CT filter '{property}' is not a valid SNOMED CT identifier.");
        }

        var id = long.Parse(text, CultureInfo.InvariantCulture);
        if (mustExist && edition.IndexOf(id) < 0)
        {
            throw new TerminologyException(Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound, "SCT_FILTER_VALUE", $"The concept {id} of the SNOMED CT filter '{property}' is not in {edition.Version}.");
        }

        return id;
    }
}
