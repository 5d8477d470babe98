using System.Globalization;
using System.Text.RegularExpressions;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Engine.Narratives;

/// <summary>How the items of each section become property values, and back (for the renderer).</summary>
public static class NarrativeSections
{
    private static readonly Regex RiskLabel = new(
        @"^(?<label>common|less common|uncommon|rare|serious|management|managing complications)(?:\s+(?:risks?|complications?|side effects?))?\s*:\s*(?<text>.+)$",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    private static readonly Regex ManagementWords = new(@"\b(manag\w*|treat\w*|handled|intervention)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    private const string Unit = @"(?:minutes?|mins?|hours?|hrs?)";
    private static readonly Regex Range = new(
        @"(?<a>\d{1,5}(?:\.\d{1,2})?)\s*(?<ua>" + Unit + @")?\s*(?:to|-|–|—|or)\s*(?<b>\d{1,5}(?:\.\d{1,2})?)\s*(?<ub>" + Unit + ")",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    private static readonly Regex Single = new(@"(?<a>\d{1,5}(?:\.\d{1,2})?)\s*(?<ua>" + Unit + ")", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    /// <summary>The property each content section fills (Risks fills three, by label).</summary>
    public static readonly IReadOnlyDictionary<NarrativeSection, string> PropertyOf = new Dictionary<NarrativeSection, string>
    {
        [NarrativeSection.Summary] = P.Summary,
        [NarrativeSection.Purpose] = P.Purpose,
        [NarrativeSection.Indications] = P.Indication,
        [NarrativeSection.Preparation] = P.Preparation,
        [NarrativeSection.Procedure] = P.ProcedureStep,
        [NarrativeSection.Duration] = P.Duration,
        [NarrativeSection.Setting] = P.Setting,
        [NarrativeSection.Personnel] = P.Personnel,
        [NarrativeSection.Benefits] = P.Benefit,
        [NarrativeSection.Recovery] = P.Recovery,
        [NarrativeSection.Alternatives] = P.Alternative,
        [NarrativeSection.PatientExperience] = P.PatientExperience,
        [NarrativeSection.Policies] = P.Policy,
    };

    internal static void AddValues(NarrativeSection section, List<(string Text, int Line)> items, List<NarrativeValue> values, ref string? name)
    {
        if (items.Count == 0)
        {
            return;
        }

        if (section == NarrativeSection.Name)
        {
            name = string.Join(" ", items.Select(i => i.Text));
            return;
        }

        if (section == NarrativeSection.Risks)
        {
            values.AddRange(items.Select(i => Risk(i.Text, i.Line)));
            return;
        }

        var property = PropertyOf[section];
        if (P.IsSingleValued(property))
        {
            values.Add(new NarrativeValue(property, string.Join("\n\n", items.Select(i => i.Text)), items[0].Line));
            return;
        }

        values.AddRange(items.Select(i => new NarrativeValue(property, i.Text, i.Line)));
    }

    /// <summary><c>Common: …</c>, <c>Rare: …</c>, <c>Management: …</c>; an unlabelled item is management when it speaks of handling complications, else a common risk.</summary>
    private static NarrativeValue Risk(string text, int line)
    {
        if (RiskLabel.Match(text) is { Success: true } m)
        {
            var property = m.Groups["label"].Value.ToLowerInvariant() switch
            {
                "common" => P.RiskCommon,
                "management" or "managing complications" => P.RiskManagement,
                _ => P.RiskRare,
            };
            return new NarrativeValue(property, m.Groups["text"].Value.Trim(), line);
        }

        return new NarrativeValue(ManagementWords.IsMatch(text) ? P.RiskManagement : P.RiskCommon, text, line);
    }

    /// <summary>The Risks item the renderer writes for a risk value (parsing it gives the value back).</summary>
    public static string RiskItem(string property, string value) => property switch
    {
        P.RiskCommon => "Common: " + value,
        P.RiskRare => "Rare: " + value,
        _ when ManagementWords.IsMatch(value) && !RiskLabel.IsMatch(value) => value,
        _ => "Management: " + value,
    };

    /// <summary>
    /// Typical shortest and longest duration in minutes stated by a duration text ("30 to 60 minutes",
    /// "1-2 hours", "about 45 minutes"); null when the text states no number of minutes or hours.
    /// </summary>
    public static (int Min, int Max)? Minutes(string text)
    {
        if (Range.Match(text) is { Success: true } r)
        {
            var unitB = r.Groups["ub"].Value;
            var unitA = r.Groups["ua"].Success ? r.Groups["ua"].Value : unitB;
            var a = ToMinutes(r.Groups["a"].Value, unitA);
            var b = ToMinutes(r.Groups["b"].Value, unitB);
            return a <= b ? (a, b) : null;
        }

        if (Single.Match(text) is { Success: true } s)
        {
            var a = ToMinutes(s.Groups["a"].Value, s.Groups["ua"].Value);
            return (a, a);
        }

        return null;
    }

    private static int ToMinutes(string number, string unit)
    {
        var value = decimal.Parse(number, CultureInfo.InvariantCulture);
        var minutes = unit.StartsWith('h') || unit.StartsWith('H') ? value * 60 : value;
        return (int)Math.Min(Math.Round(minutes), 100_000);
    }
}
