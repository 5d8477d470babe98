using System.Globalization;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// The SNOMED CT properties of <c>$lookup</c> computed from the edition: every defining attribute (property code =
/// attribute id, value = target concept or concrete value), <c>effectiveTime</c>, <c>moduleId</c>,
/// <c>sufficientlyDefined</c>, <c>normalForm</c>/<c>normalFormTerse</c> and, for an inactive concept, its historical
/// association targets (property code = the association refset id). Without a <c>property</c> parameter the answer
/// has the attributes and the effective time, as HL7's test cases expect; <c>*</c> gives everything.
/// </summary>
internal static class SnomedLookup
{
    public static void Add(CodeSystemIndex cs, SnomedEdition edition, Concept concept, SnomedExpression? expression, IReadOnlyList<string> requested, List<LookupProperty> into)
    {
        var position = concept.Index >= 0 ? concept.Index : expression is { } e ? edition.IndexOf(e.Focus[0]) : -1;
        if (position < 0)
        {
            return;
        }

        var all = requested.Contains("*");
        var byDefault = requested.Count == 0;
        bool Want(string code) => all || requested.Contains(code);

        var attributes = new List<(int Type, int Destination, string? Value)>();
        foreach (var r in edition.Outbound(position))
        {
            if (r.Type != edition.IsATypePosition && !attributes.Contains((r.Type, r.Destination, r.ConcreteValue)))
            {
                attributes.Add((r.Type, r.Destination, r.ConcreteValue));
            }
        }

        if (expression is not null)
        {
            foreach (var (a, _) in expression.Attributes)
            {
                var type = edition.IndexOf(a.Name);
                attributes.Add((type, a.Concept is { } v ? edition.IndexOf(v) : -1, a.Concept is null ? a.Concrete ?? a.Nested?.Render(_ => null) : null));
            }
        }

        foreach (var (type, destination, value) in attributes.OrderBy(a => edition.IdOf(a.Type).ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal))
        {
            var code = edition.IdOf(type).ToString(CultureInfo.InvariantCulture);
            if (byDefault || Want(code))
            {
                into.Add(Attribute(cs, edition, code, type, destination, value));
            }
        }

        var facts = edition.Facts(position);
        if (byDefault || Want("effectiveTime"))
        {
            var t = facts.EffectiveTime.ToString(CultureInfo.InvariantCulture);
            var date = t.Length == 8 ? $"{t[..4]}-{t[4..6]}-{t[6..]}" : t;
            into.Add(new LookupProperty("effectiveTime", new PropertyValue("effectiveTime", PropertyType.DateTime, date), null));
        }

        if (Want("moduleId"))
        {
            into.Add(Related(cs, edition, "moduleId", facts.ModuleId));
        }

        if (Want("sufficientlyDefined"))
        {
            into.Add(new LookupProperty("sufficientlyDefined", new PropertyValue("sufficientlyDefined", PropertyType.Boolean, facts.Primitive ? "false" : "true"), null));
        }

        if (Want("normalForm") || Want("normalFormTerse"))
        {
            var normal = NormalForm(edition, position);
            string? Term(long id) => edition.IndexOf(id) is var i and >= 0 ? cs.Concepts[i].Display : null;
            var prefix = facts.Primitive ? "<<< " : "=== ";
            if (Want("normalForm"))
            {
                into.Add(new LookupProperty("normalForm", new PropertyValue("normalForm", PropertyType.String, prefix + normal.Render(Term)), null));
            }

            if (Want("normalFormTerse"))
            {
                into.Add(new LookupProperty("normalFormTerse", new PropertyValue("normalFormTerse", PropertyType.String, prefix + normal.Render(_ => null)), null));
            }
        }

        if (!facts.Active && (byDefault || all || requested.Any(r => r.All(char.IsAsciiDigit))))
        {
            foreach (var (refset, target) in edition.Associations(position))
            {
                var code = edition.IdOf(refset).ToString(CultureInfo.InvariantCulture);
                if (byDefault || Want(code))
                {
                    into.Add(Attribute(cs, edition, code, refset, target, null));
                }
            }
        }
    }

    /// <summary>
    /// The concept's inferred definition: its parents as focus, its ungrouped and grouped attributes as refinement
    /// (IS-A left out, concrete values kept).
    /// </summary>
    public static SnomedExpression NormalForm(SnomedEdition edition, int position)
    {
        var focus = new List<long>();
        foreach (var p in edition.Parents(position))
        {
            focus.Add(edition.IdOf(p));
        }

        if (focus.Count == 0)
        {
            focus.Add(edition.IdOf(position));
        }

        var ungrouped = new List<SnomedAttribute>();
        var groups = new SortedDictionary<int, List<SnomedAttribute>>();
        foreach (var r in edition.Outbound(position))
        {
            if (r.Type == edition.IsATypePosition)
            {
                continue;
            }

            var a = new SnomedAttribute(edition.IdOf(r.Type), r.Destination >= 0 ? edition.IdOf(r.Destination) : null, null, r.ConcreteValue);
            if (r.Group == 0)
            {
                ungrouped.Add(a);
            }
            else
            {
                (groups.TryGetValue(r.Group, out var g) ? g : groups[r.Group] = []).Add(a);
            }
        }

        return new SnomedExpression(focus, ungrouped, [.. groups.Values]);
    }

    private static LookupProperty Attribute(CodeSystemIndex cs, SnomedEdition edition, string code, int type, int destination, string? value)
    {
        var name = type >= 0 ? cs.Concepts[type].Display : null;
        if (destination >= 0)
        {
            var target = cs.Concepts[destination];
            return new LookupProperty(code, new PropertyValue(code, PropertyType.Code, target.Code, Display: target.Display), target.Display) { CodeDisplay = name };
        }

        var v = value ?? "";
        var typed = v.StartsWith('#')
            ? v.Contains('.', StringComparison.Ordinal) ? new PropertyValue(code, PropertyType.Decimal, v[1..]) : new PropertyValue(code, PropertyType.Integer, v[1..])
            : v is "true" or "false" ? new PropertyValue(code, PropertyType.Boolean, v) : new PropertyValue(code, PropertyType.String, v.Trim('"'));
        return new LookupProperty(code, typed, null) { CodeDisplay = name };
    }

    private static LookupProperty Related(CodeSystemIndex cs, SnomedEdition edition, string code, long id)
    {
        var i = edition.IndexOf(id);
        var display = i >= 0 ? cs.Concepts[i].Display : null;
        return new LookupProperty(code, new PropertyValue(code, PropertyType.Code, id.ToString(CultureInfo.InvariantCulture), Display: display), display);
    }
}
