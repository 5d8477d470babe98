using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.ValueSets;

/// <summary>
/// What a client sees of a value set member: the display in the requested language, the designations
/// (code system, value set and supplements together) and property values.
/// </summary>
internal static class ConceptPresenter
{
    /// <summary>All designations of the member: the value set's own first, then the code system's, then supplements'.</summary>
    public static List<Designation> Designations(ExpansionItem item, SupplementSet supplements)
    {
        var result = new List<Designation>();
        if (item.Listed is { } listed)
        {
            result.AddRange(listed.Designation.Select(d => new Designation(
                d.Language,
                d.Use is null ? null : new DesignationUse(d.Use.System, d.Use.Code, d.Use.Display),
                d.Value ?? "")));
        }

        if (item.Concept is { } c)
        {
            result.AddRange(c.Designations);
        }

        foreach (var (_, extra) in supplements.ConceptsFor(item.System, item.Code))
        {
            result.AddRange(extra.Designations);
        }

        return result;
    }

    /// <summary>
    /// The display in the first of <paramref name="languages"/> (Accept-Language syntax) the member has one
    /// for; the default display when none fits or no language is asked for.
    /// </summary>
    public static string? Display(ExpansionItem item, IReadOnlyList<Designation> designations, string? languages)
    {
        if (string.IsNullOrWhiteSpace(languages))
        {
            return item.Display;
        }

        foreach (var language in ParseLanguages(languages))
        {
            if (item.System.Info.Language is { } own && LanguageMatches(own, language))
            {
                return item.Display;
            }

            var d = designations.FirstOrDefault(d => d.Language is not null && LanguageMatches(d.Language, language));
            if (d is not null)
            {
                return d.Value;
            }
        }

        return item.Display;
    }

    /// <summary>Languages in order of preference; q-values order them, "*" is skipped.</summary>
    public static IEnumerable<string> ParseLanguages(string languages) =>
        languages.Split(',')
            .Select((raw, position) =>
            {
                var parts = raw.Split(';');
                var q = 1.0;
                foreach (var p in parts.Skip(1))
                {
                    var kv = p.Trim();
                    if (kv.StartsWith("q=", StringComparison.Ordinal)
                        && double.TryParse(kv[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                    {
                        q = parsed;
                    }
                }

                return (Language: parts[0].Trim(), Q: q, Position: position);
            })
            .Where(l => l.Language.Length > 0 && l.Language != "*")
            .OrderByDescending(l => l.Q)
            .ThenBy(l => l.Position)
            .Select(l => l.Language);

    public static bool LanguageMatches(string have, string want) =>
        have.Equals(want, StringComparison.OrdinalIgnoreCase)
        || have.StartsWith(want + "-", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the designation passes a <c>designation</c> parameter: a language, or a use as <c>system|code</c>.</summary>
    public static bool DesignationWanted(Designation d, IReadOnlyList<string> wanted)
    {
        if (wanted.Count == 0)
        {
            return true;
        }

        foreach (var w in wanted)
        {
            var bar = w.IndexOf('|');
            if (bar < 0)
            {
                if (d.Language is not null && LanguageMatches(d.Language, w))
                {
                    return true;
                }
            }
            else if (d.Use is { } use && use.System == w[..bar] && use.Code == w[(bar + 1)..])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Values of the property <paramref name="code"/> of the member, from the code system, its hierarchy and supplements.</summary>
    public static IEnumerable<(string Code, DataType Value)> PropertyValues(ExpansionItem item, string code, SupplementSet supplements)
    {
        if (item.Concept is not { } c)
        {
            yield break;
        }

        var stored = false;
        foreach (var p in c.PropertiesNamed(code))
        {
            stored = true;
            yield return (code, CodeSystems.PropertyValues.ToFhir(p));
        }

        foreach (var (_, extra) in supplements.ConceptsFor(item.System, item.Code))
        {
            foreach (var p in extra.PropertiesNamed(code))
            {
                stored = true;
                yield return (code, CodeSystems.PropertyValues.ToFhir(p));
            }
        }

        if (stored)
        {
            yield break;
        }

        switch (code)
        {
            case "definition" when c.Definition is not null:
                yield return (code, new FhirString(c.Definition));
                break;
            case "parent":
                foreach (var i in c.Parents)
                {
                    yield return (code, new Code(item.System.Concepts[i].Code));
                }

                break;
            case "child":
                foreach (var i in c.Children)
                {
                    yield return (code, new Code(item.System.Concepts[i].Code));
                }

                break;
            case "inactive" when c.IsInactive:
                yield return (code, new FhirBoolean(true));
                break;
        }
    }
}
