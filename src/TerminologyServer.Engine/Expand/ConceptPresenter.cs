using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.Expand;

/// <summary>
/// What a client sees of a value set member: the display in the requested language, the designations
/// (code system, value set and supplements together) and property values.
/// </summary>
internal static class ConceptPresenter
{
    private const string Bcp47 = "urn:ietf:bcp:47";
    private static readonly DesignationUse PreferredForLanguage =
        new("http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra", "preferredForLanguage", "Preferred For Language");

    /// <summary>
    /// The designations to show next to a display in <paramref name="languages"/>: when a designation replaced the
    /// default display, it is not repeated, and the default display becomes a designation preferred for its language.
    /// </summary>
    public static IEnumerable<Designation> ShownDesignations(ExpansionItem item, List<Designation> designations, string? languages)
    {
        var chosen = DisplayDesignation(item, designations, languages);
        if (chosen is null && !DefaultDisplayRefused(item, designations, languages))
        {
            return designations;
        }

        var shown = new List<Designation>(designations);
        if (chosen is not null)
        {
            shown.Remove(chosen);
        }

        if (item.Display is { } original)
        {
            shown.Insert(0, new Designation(item.System.Info.Language, PreferredForLanguage, original));
        }

        return shown;
    }

    /// <summary>
    /// All designations of the member: the code system's first, then the supplements', then the value set's own
    /// (the order tx.fhir.org lists them in).
    /// </summary>
    public static List<Designation> Designations(ExpansionItem item, SupplementSet supplements)
    {
        var result = new List<Designation>();
        if (item.Concept is { } c)
        {
            result.AddRange(c.Designations);
        }

        foreach (var (_, extra) in supplements.ConceptsFor(item.System, item.Code))
        {
            result.AddRange(extra.Designations);
        }

        if (item.Listed is { } listed)
        {
            result.AddRange(listed.Designation.Select(d => new Designation(
                d.Language,
                d.Use is null ? null : new DesignationUse(d.Use.System, d.Use.Code, d.Use.Display),
                d.Value ?? "",
                d.Extension.Count > 0 ? d.Extension : null)));
        }

        return result;
    }

    /// <summary>
    /// The display in the first of <paramref name="languages"/> (Accept-Language syntax) the member has one
    /// for; the default display when none fits or no language is asked for.
    /// </summary>
    public static string? Display(ExpansionItem item, IReadOnlyList<Designation> designations, string? languages) =>
        DisplayDesignation(item, designations, languages)?.Value ?? (DefaultDisplayRefused(item, designations, languages) ? null : item.Display);

    /// <summary>
    /// True when the languages rule out any other (<c>*; q=0</c>) and neither the code system's language nor a
    /// designation fits: the member then has no display in an acceptable language.
    /// </summary>
    public static bool DefaultDisplayRefused(ExpansionItem item, IReadOnlyList<Designation> designations, string? languages) =>
        languages is not null
        && languages.Split(',').Any(l => l.Split(';') is var parts && parts[0].Trim() == "*" && parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0"))
        && DisplayDesignation(item, designations, languages) is null
        && !(item.System.Info.Language is { } own && ParseLanguages(languages).Any(l => LanguageMatches(own, l)));

    /// <summary>The designation that replaces the default display for <paramref name="languages"/>; null when the default display fits.</summary>
    public static Designation? DisplayDesignation(ExpansionItem item, IReadOnlyList<Designation> designations, string? languages)
    {
        if (string.IsNullOrWhiteSpace(languages))
        {
            return null;
        }

        foreach (var language in ParseLanguages(languages))
        {
            if (item.System.Info.Language is { } own && LanguageMatches(own, language))
            {
                return null;
            }

            var d = designations.FirstOrDefault(d => d.Language is not null && LanguageMatches(d.Language, language));
            if (d is not null)
            {
                return d;
            }
        }

        return null;
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
            // A language may be given bare or as a BCP-47 coding (urn:ietf:bcp:47|de).
            var language = bar < 0 ? w : w[..bar] == Bcp47 ? w[(bar + 1)..] : null;
            if (language is not null)
            {
                if (d.Language is not null && d.Language.Equals(language, StringComparison.OrdinalIgnoreCase))
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
            case "status" when ContentStatus.ConceptStatus(c) is { } status:
                yield return (code, new Code(status));
                break;
            case "inactive" when c.IsInactive:
                yield return (code, new FhirBoolean(true));
                break;
            case "label" or "order" or "weight" when ExtensionPresenter.PropertyValue(item, code, supplements) is { } fromExtension:
                yield return (code, fromExtension);
                break;
        }
    }
}
