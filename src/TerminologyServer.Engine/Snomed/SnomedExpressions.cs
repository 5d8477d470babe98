using System.Globalization;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Snomed;

/// <summary>
/// Checks a post-coordinated expression against an edition: every concept known and active, every attribute name a
/// concept model attribute, and the MRCM attribute domain (the focus must lie in a domain of the attribute) and
/// simple ranges (<c>&lt;&lt; x OR &lt;&lt; y</c> constraints of the MRCM range refset) when the edition has them.
/// </summary>
internal static class SnomedExpressions
{
    /// <summary>Why the expression is not valid in <paramref name="edition"/>, or null when it is.</summary>
    public static string? Problem(SnomedEdition edition, SnomedExpression e)
    {
        foreach (var f in e.Focus)
        {
            if (Known(edition, f) is { } missing)
            {
                return missing;
            }
        }

        foreach (var (a, _) in e.Attributes)
        {
            if (Known(edition, a.Name) is { } missing)
            {
                return missing;
            }

            var name = edition.IndexOf(a.Name);
            int model = edition.IndexOf(SnomedIds.ConceptModelAttribute), linkage = edition.IndexOf(SnomedIds.LinkageConcept);
            if (!(model >= 0 && edition.Subsumes(model, name) && name != model) && !(linkage >= 0 && edition.Subsumes(linkage, name) && name != linkage))
            {
                return $"Concept {a.Name} is not valid in this context (must be a descendent of one of {SnomedIds.ConceptModelAttribute},{SnomedIds.LinkageConcept})";
            }

            if (a.Concept is { } value && Known(edition, value) is { } missingValue)
            {
                return missingValue;
            }

            if (a.Nested is { } nested && Problem(edition, nested) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>
    /// The first attribute the MRCM does not allow where it stands (domain or simple range), or null. Advisory: HL7's
    /// test cases accept expressions outside the concept model, so this is a warning, not a reason to reject.
    /// </summary>
    public static string? ConceptModelProblem(SnomedEdition edition, SnomedExpression e)
    {
        foreach (var (a, _) in e.Attributes)
        {
            if (Mrcm(edition, e, a, edition.IndexOf(a.Name)) is { } rule)
            {
                return rule;
            }

            if (a.Nested is { } nested && ConceptModelProblem(edition, nested) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static string? Known(SnomedEdition edition, long id)
    {
        var i = edition.IndexOf(id);
        if (i < 0)
        {
            return $"Concept {id} not found";
        }

        return edition.Facts(i).Active ? null : $"Concept {id} is inactive";
    }

    /// <summary>The MRCM domain and range of the attribute (active rules only); null when met or when the edition has no rule.</summary>
    private static string? Mrcm(SnomedEdition edition, SnomedExpression e, SnomedAttribute a, int name)
    {
        var domains = Rules(edition, SnomedIds.MrcmDomainRefset, name, "domainId");
        if (domains.Count > 0)
        {
            var ok = e.Focus.All(f => domains.Any(d => edition.IndexOf(d) is var di and >= 0 && edition.Subsumes(di, edition.IndexOf(f))));
            if (!ok)
            {
                return $"The attribute {a.Name} is not allowed for {string.Join('+', e.Focus)}: the concept model (MRCM) allows it only on descendants of {string.Join(",", domains)}";
            }
        }

        if (a.Concept is not { } value)
        {
            return null;
        }

        foreach (var constraint in RangeText(edition, name))
        {
            if (SimpleRange(constraint) is not { } roots)
            {
                continue;
            }

            var v = edition.IndexOf(value);
            if (!roots.Any(r => edition.IndexOf(r.Id) is var ri and >= 0 && (r.Self ? edition.Subsumes(ri, v) : ri != v && edition.Subsumes(ri, v))))
            {
                return $"The value {value} of attribute {a.Name} is outside its range in the concept model (MRCM): {constraint}";
            }
        }

        return null;
    }

    private static List<long> Rules(SnomedEdition edition, long refsetId, int attribute, string field)
    {
        var result = new List<long>();
        var refset = edition.IndexOf(refsetId);
        if (refset < 0)
        {
            return result;
        }

        var column = IndexOf(edition.RefsetFields(refset), field);
        foreach (var m in edition.Members(refset))
        {
            if (m.Active && m.ReferencedConcept == attribute && column >= 0 && long.TryParse(m.Fields[column], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                result.Add(id);
            }
        }

        return result;
    }

    private static IEnumerable<string> RangeText(SnomedEdition edition, int attribute)
    {
        var refset = edition.IndexOf(SnomedIds.MrcmRangeRefset);
        if (refset < 0)
        {
            yield break;
        }

        var column = IndexOf(edition.RefsetFields(refset), "rangeConstraint");
        foreach (var m in edition.Members(refset).ToArray())
        {
            if (m.Active && m.ReferencedConcept == attribute && column >= 0)
            {
                yield return m.Fields[column];
            }
        }
    }

    /// <summary>The roots of a range written <c>&lt;&lt; a |t| OR &lt; b |t|</c>; null for any other (richer) constraint, which is not checked here.</summary>
    internal static List<(long Id, bool Self)>? SimpleRange(string constraint)
    {
        var result = new List<(long, bool)>();
        foreach (var part in constraint.Split(" OR ", StringSplitOptions.TrimEntries))
        {
            var p = part.Trim('(', ')', ' ');
            var bar = p.IndexOf('|', StringComparison.Ordinal);
            if (bar >= 0)
            {
                if (!p.EndsWith('|') || p.IndexOf('|', bar + 1) != p.Length - 1)
                {
                    return null;
                }

                p = p[..bar].Trim();
            }

            var self = p.StartsWith("<<", StringComparison.Ordinal);
            if (!self && !p.StartsWith('<'))
            {
                return null;
            }

            if (!long.TryParse(p.TrimStart('<').Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            result.Add((id, self));
        }

        return result.Count == 0 ? null : result;
    }

    private static int IndexOf(IReadOnlyList<string> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
