using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Api.Web;

/// <summary>One section of a procedure narrative: its heading, its items, and how to show them.</summary>
public sealed record NarrativeSection(string Heading, IReadOnlyList<string> Items, bool Ordered = false);

/// <summary>
/// The procedure narrative of a code, from the supplements of its code system that carry the narrative properties
/// (<c>summary</c>, <c>purpose</c>, <c>indication</c>, <c>preparation</c>, <c>procedure-step</c>, <c>duration</c>,
/// <c>duration-min</c>/<c>duration-max</c>, <c>setting</c>, <c>personnel</c>, <c>risk-common</c>, <c>risk-rare</c>,
/// <c>risk-management</c>, <c>benefit</c>, <c>recovery</c>, <c>alternative</c>, <c>patient-experience</c>,
/// <c>policy</c>, <c>plan-definition</c>), in the order of the page.
/// </summary>
public sealed class Narrative
{
    private static readonly (string Heading, string[] Codes, bool Ordered)[] Layout =
    [
        ("Summary", ["summary"], false),
        ("Purpose", ["purpose"], false),
        ("Indications", ["indication"], false),
        ("Preparation", ["preparation"], false),
        ("Procedure Description", ["procedure-step"], true),
        ("Duration", ["duration"], false),
        ("Setting", ["setting"], false),
        ("Personnel", ["personnel"], false),
        ("Risks and Complications", ["risk-common", "risk-rare", "risk-management"], false),
        ("Benefits", ["benefit"], false),
        ("Recovery", ["recovery"], false),
        ("Alternatives", ["alternative"], false),
        ("Patient Experience", ["patient-experience"], false),
    ];

    private Narrative(string? name, List<NarrativeSection> sections, List<string> policies, List<string> planDefinitions)
    {
        Name = name;
        Sections = sections;
        Policies = policies;
        PlanDefinitions = planDefinitions;
    }

    /// <summary>The procedure's name as the narrative writes it (its <c>procedure-name</c> designation, else a display that differs).</summary>
    public string? Name { get; }

    public IReadOnlyList<NarrativeSection> Sections { get; }

    public IReadOnlyList<string> Policies { get; }

    public IReadOnlyList<string> PlanDefinitions { get; }

    public bool IsEmpty => Sections.Count == 0 && Policies.Count == 0 && PlanDefinitions.Count == 0;

    public static Narrative For(CodeSystemRegistry registry, CodeSystemIndex system, Concept concept)
    {
        var values = new List<PropertyValue>();
        string? name = null;
        foreach (var supplement in registry.SupplementsOf(system.Url))
        {
            if (supplement.Find(concept.Code) is { } extra)
            {
                values.AddRange(extra.Properties);
                // The document's "Name of the Procedure" is a designation of that use; older supplements had only a display.
                if (extra.Designations.FirstOrDefault(d => d.Use?.Code == Engine.Narratives.NarrativeProperties.NameUseCode) is { Value.Length: > 0 } named)
                {
                    name ??= named.Value;
                }
                else if (extra.Display is { Length: > 0 } d && !d.Equals(concept.Display, StringComparison.OrdinalIgnoreCase))
                {
                    name ??= d;
                }
            }
        }

        string[] Texts(string code) => values.Where(v => v.Code == code && v.Value.Length > 0).Select(v => v.Value).ToArray();

        var sections = new List<NarrativeSection>();
        foreach (var (heading, codes, ordered) in Layout)
        {
            var items = new List<string>();
            foreach (var code in codes)
            {
                var prefix = code switch { "risk-common" => "Common: ", "risk-rare" => "Rare: ", _ => "" };
                items.AddRange(Texts(code).Select(t => prefix + t));
            }

            if (heading == "Duration" && items.Count == 0 && Texts("duration-min") is [var min] && Texts("duration-max") is [var max])
            {
                items.Add($"The entire procedure typically takes about {min} to {max} minutes.");
            }

            if (items.Count > 0)
            {
                sections.Add(new NarrativeSection(heading, items, ordered));
            }
        }

        return new Narrative(name, sections, [.. Texts("policy")], [.. Texts("plan-definition")]);
    }
}
