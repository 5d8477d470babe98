using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Narratives;

/// <summary>
/// Finds the concept a narrative describes: its explicit code line, else its title (then its procedure name)
/// matched against every display of the code system, inactive concepts included, ignoring case and punctuation.
/// </summary>
public static class NarrativeResolver
{
    public static Concept Resolve(NarrativeDocument doc, CodeSystemIndex cs)
    {
        if (doc.Code is { } code)
        {
            return cs.Find(code) ?? throw new NarrativeException(OperationOutcome.IssueType.CodeInvalid, "NARRATIVE_UNKNOWN_CODE", doc.Source, doc.CodeLine,
                $"The code '{code}' is not in the code system {cs}.");
        }

        foreach (var text in new[] { doc.Title, doc.ProcedureName })
        {
            if (text is null)
            {
                continue;
            }

            var key = NarrativeHeadings.Normalize(text);
            var matches = cs.Concepts.Where(c => c.Display is not null && NarrativeHeadings.Normalize(c.Display) == key).ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }

            if (matches.Count > 1)
            {
                throw new NarrativeException(OperationOutcome.IssueType.CodeInvalid, "NARRATIVE_AMBIGUOUS_TITLE", doc.Source, doc.TitleLine,
                    $"The title '{text}' matches several concepts of {cs}; add a code line such as '{NarrativeHeadings.LabelFor(cs.Url)}: {matches[0].Code}'.",
                    matches.Select(Describe).ToList());
            }
        }

        throw new NarrativeException(OperationOutcome.IssueType.CodeInvalid, "NARRATIVE_UNKNOWN_TITLE", doc.Source, doc.TitleLine,
            $"No concept of {cs} has the display '{doc.Title}'; correct the title or add a code line such as '{NarrativeHeadings.LabelFor(cs.Url)}: <code>'.",
            Closest(doc.Title, cs));
    }

    /// <summary>The three displays closest to the title: shared words, each weighted by how rare it is among the displays.</summary>
    private static List<string> Closest(string title, CodeSystemIndex cs)
    {
        var words = NarrativeHeadings.Normalize(title).Split(' ').Where(w => w.Length > 3).ToHashSet(StringComparer.Ordinal);
        var displays = cs.Concepts.Where(c => c.Display is not null)
            .Select(c => (Concept: c, Words: NarrativeHeadings.Normalize(c.Display!).Split(' ').ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var frequency = words.ToDictionary(w => w, w => displays.Count(d => d.Words.Contains(w)), StringComparer.Ordinal);
        return displays
            .Select(d => (d.Concept, Score: words.Where(d.Words.Contains).Sum(w => 1.0 / frequency[w])))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Concept.Code, StringComparer.Ordinal)
            .Take(3)
            .Select(x => Describe(x.Concept))
            .ToList();
    }

    private static string Describe(Concept c) => $"{c.Code} '{c.Display}'";
}
