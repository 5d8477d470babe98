using System.Text;
using System.Text.RegularExpressions;

namespace TerminologyServer.Engine.Narratives;

/// <summary>The section headings a narrative may use (with the variants people write) and the code-system lines.</summary>
public static partial class NarrativeHeadings
{
    /// <summary>The heading the renderer writes for each section.</summary>
    public static readonly IReadOnlyDictionary<NarrativeSection, string> Canonical = new Dictionary<NarrativeSection, string>
    {
        [NarrativeSection.Name] = "Name of the Procedure:",
        [NarrativeSection.Summary] = "Summary",
        [NarrativeSection.Purpose] = "Purpose",
        [NarrativeSection.Indications] = "Indications",
        [NarrativeSection.Preparation] = "Preparation",
        [NarrativeSection.Procedure] = "Procedure Description",
        [NarrativeSection.Duration] = "Duration",
        [NarrativeSection.Setting] = "Setting",
        [NarrativeSection.Personnel] = "Personnel",
        [NarrativeSection.Risks] = "Risks and Complications",
        [NarrativeSection.Benefits] = "Benefits",
        [NarrativeSection.Recovery] = "Recovery",
        [NarrativeSection.Alternatives] = "Alternatives",
        [NarrativeSection.PatientExperience] = "Patient Experience",
        [NarrativeSection.Policies] = "Medical Policies and Guidelines for",
        [NarrativeSection.RelatedPolicies] = "Related policies from health plans",
        [NarrativeSection.SimilarCodes] = "Similar Codes",
    };

    private static readonly Dictionary<string, NarrativeSection> Exact = new(StringComparer.Ordinal)
    {
        ["name of the procedure"] = NarrativeSection.Name,
        ["procedure name"] = NarrativeSection.Name,
        ["summary"] = NarrativeSection.Summary,
        ["overview"] = NarrativeSection.Summary,
        ["purpose"] = NarrativeSection.Purpose,
        ["indications"] = NarrativeSection.Indications,
        ["preparation"] = NarrativeSection.Preparation,
        ["procedure description"] = NarrativeSection.Procedure,
        ["procedure steps"] = NarrativeSection.Procedure,
        ["procedure"] = NarrativeSection.Procedure,
        ["steps"] = NarrativeSection.Procedure,
        ["duration"] = NarrativeSection.Duration,
        ["setting"] = NarrativeSection.Setting,
        ["personnel"] = NarrativeSection.Personnel,
        ["risks and complications"] = NarrativeSection.Risks,
        ["risks"] = NarrativeSection.Risks,
        ["benefits"] = NarrativeSection.Benefits,
        ["recovery"] = NarrativeSection.Recovery,
        ["recovery and follow up"] = NarrativeSection.Recovery,
        ["alternatives"] = NarrativeSection.Alternatives,
        ["patient experience"] = NarrativeSection.PatientExperience,
        ["medical policies and guidelines"] = NarrativeSection.Policies,
        ["related policies from health plans"] = NarrativeSection.RelatedPolicies,
        ["related policies"] = NarrativeSection.RelatedPolicies,
        ["similar codes"] = NarrativeSection.SimilarCodes,
    };

    /// <summary>Code-system names a document may name in its code-system line, and their canonical urls.</summary>
    private static readonly (Regex Label, string Url)[] Systems =
    [
        (new Regex(@"^cpt\s*-?\s*4?®?$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), NarrativeProperties.Cpt),
        (new Regex(@"^hcpcs(\s+level\s+ii)?$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"),
        (new Regex(@"^icd-?10-?cm$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking), "http://hl7.org/fhir/sid/icd-10-cm"),
    ];

    /// <summary>The section a heading names, or null. Trailing colons, case, '&amp;' and punctuation do not matter.</summary>
    public static NarrativeSection? Find(string heading)
    {
        var key = Normalize(heading);
        if (Exact.TryGetValue(key, out var section))
        {
            return section;
        }

        // "Medical Policies and Guidelines for <procedure>" names the procedure after "for".
        return key.StartsWith("medical policies and guidelines for ", StringComparison.Ordinal) ? NarrativeSection.Policies : null;
    }

    /// <summary>Every heading the parser knows, for error messages.</summary>
    public static IReadOnlyList<string> Known => Canonical.Values.Select(h => h.TrimEnd(':')).ToList();

    /// <summary>
    /// Reads a code-system line: <c>CPT4 code</c> (system only), <c>CPT4 code: 72240</c>, <c>Code: 72240</c>.
    /// False when the line is not one.
    /// </summary>
    public static bool TryReadCodeLine(string line, out string? systemUrl, out string? code)
    {
        systemUrl = null;
        code = null;
        if (line.Length > 120)
        {
            return false;
        }

        var m = CodeLine().Match(line.Trim());
        if (!m.Success)
        {
            return false;
        }

        var label = m.Groups["label"].Value.Trim();
        if (label.Length > 0)
        {
            systemUrl = Systems.FirstOrDefault(s => s.Label.IsMatch(label)).Url;
            if (systemUrl is null)
            {
                return false;
            }
        }

        code = m.Groups["code"].Success ? m.Groups["code"].Value : null;
        return label.Length > 0 || code is not null;
    }

    /// <summary>The code-system line the renderer writes for a system.</summary>
    public static string LabelFor(string systemUrl) => systemUrl switch
    {
        NarrativeProperties.Cpt => "CPT4 code",
        "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets" => "HCPCS code",
        "http://hl7.org/fhir/sid/icd-10-cm" => "ICD-10-CM code",
        _ => "Code",
    };

    /// <summary>Lower case, '&amp;' as "and", every run of other characters one space: for headings and title matching.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.Replace("&", " and ", StringComparison.Ordinal))
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^(?<label>[A-Za-z0-9®\- ]*?)\s*codes?\s*(?:[:#]\s*(?<code>[A-Za-z0-9][A-Za-z0-9.\-]{0,63}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeLine();
}
