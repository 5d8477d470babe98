using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace TerminologyServer.Engine.Validate;

/// <summary>Checks the display a client sent with a code, in the languages it asked for.</summary>
internal static class DisplayCheck
{
    /// <summary>
    /// The display must be one the concept has (its display, the value set's, or a designation) in the
    /// requested language; a wrong one is an error, or a warning with lenient-display-validation, naming the
    /// right display.
    /// </summary>
    public static void Check(
        IssueCollector issues, CodingInput input, ExpansionItem item, IReadOnlyList<Designation> designations,
        string? preferred, string? displayLanguage, bool lenient)
    {
        var given = input.Display;
        if (string.IsNullOrEmpty(given))
        {
            return;
        }

        var own = item.System.Info.Language;
        // Choice: a designation stating its language; a wrong display's message lists those beside the right display.
        var all = new[] { (Language: own, Value: item.Display, Choice: false), (Language: own, Value: item.Concept?.Display, Choice: false) }
            .Concat(designations.Select(d => (Language: d.Language ?? own, Value: (string?)d.Value, Choice: d.Language is not null)))
            .Where(x => x.Value is not null)
            .Select(x => (x.Language, Value: x.Value!, x.Choice))
            .ToList();
        if (all.Count == 0)
        {
            return;
        }

        var languages = displayLanguage is { } l ? ConceptPresenter.ParseLanguages(l).ToList() : [];
        var candidates = languages.Count == 0
            ? all
            : all.Where(x => x.Language is null || languages.Any(w => ConceptPresenter.LanguageMatches(x.Language, w))).ToList();
        if (candidates.Any(v => v.Value.Equals(given, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        // A display the code system once had (a retired SNOMED CT description) is not wrong, only out of date.
        if (item.Concept is { } concept && item.System.Behaviour?.InactiveDisplayMatch(item.System, concept, given) is { } current)
        {
            issues.Add(
                OperationOutcome.IssueSeverity.Warning,
                IssueType.Invalid,
                "display-comment",
                $"'{given}' is no longer considered a correct display for code '{item.Code}' (status = inactive). The correct display is one of {string.Join(",", current.Select(QuoteIfSpaced))}.",
                input.At("display"),
                "INACTIVE_DISPLAY_FOUND",
                inMessage: false);
            return;
        }

        var severity = lenient ? OperationOutcome.IssueSeverity.Warning : OperationOutcome.IssueSeverity.Error;
        var asked = displayLanguage ?? "--";
        var coded = $"{item.System.Url}#{item.Code}";
        if (candidates.Count == 0)
        {
            if (all.Any(v => v.Value.Equals(given, StringComparison.OrdinalIgnoreCase)))
            {
                issues.Add(
                    OperationOutcome.IssueSeverity.Information,
                    IssueType.Invalid,
                    "invalid-display",
                    $"There are no valid display names found for the code {coded} for language(s) '{asked}'. The display is '{given}' which is a valid display for the default language",
                    input.At("display"),
                    "NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_OK");
                return;
            }

            issues.Add(severity, IssueType.Invalid, "invalid-display",
                $"Wrong Display Name '{given}' for {coded}. There are no valid display names found for language(s) '{asked}'. Default display is '{item.Display}'",
                input.At("display"),
                "NO_VALID_DISPLAY_FOUND_NONE_FOR_LANG_ERR");
            return;
        }

        var wrongWhitespace = candidates.Any(v => NormalizeSpace(v.Value).Equals(NormalizeSpace(given), StringComparison.OrdinalIgnoreCase));
        var right = candidates.Any(c => c.Value == preferred) ? preferred : candidates[0].Value;
        var choices = candidates.Where(c => c.Choice && c.Value != right).Select(c => (c.Language, c.Value))
            .Prepend((Language: candidates.FirstOrDefault(c => c.Value == right).Language, Value: right!)).Distinct().ToList();
        var valid = choices.Count > 1
            ? $"Valid display is one of {choices.Count} choices: {Join(choices.Select(c => Quote(c.Value, c.Language)))}"
            : $"Valid display is {Quote(choices[0].Value, choices[0].Language)}";
        var text = $"{(wrongWhitespace ? "Wrong whitespace in Display Name" : "Wrong Display Name")} '{given}' for {coded}. "
            + $"{valid} (for the language(s) '{asked}')";
        issues.Add(
            severity,
            IssueType.Invalid,
            "invalid-display",
            text,
            input.At("display"),
            wrongWhitespace ? "Display_Name_WS_for__should_be_one_of__instead_of" : "Display_Name_for__should_be_one_of__instead_of");
    }

    private static string QuoteIfSpaced(string value) => value.All(char.IsLetterOrDigit) ? value : $"\"{value}\"";

    private static string Quote(string? value, string? language) => language is null ? $"'{value}'" : $"'{value}' ({language})";

    /// <summary>"a", "a or b", "a, b or c".</summary>
    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count < 2 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    private static string NormalizeSpace(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
