using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Search;

/// <summary>
/// The family a code belongs to, for "similar codes": two codes of different families are never similar, so a
/// radiology code is not offered a lab test or a modifier. CPT: the section of the code number (Anesthesia,
/// Surgery, Radiology, Pathology and Laboratory, Medicine, Evaluation and Management, Category II, Category III) and
/// modifiers apart; HCPCS Level II: the letter (its section) and modifiers apart; a code system with a hierarchy:
/// the top of the hierarchy (an ICD-10-CM chapter, an ICD-10-PCS table); otherwise one family.
/// </summary>
public static class CodeFamilies
{
    public const string CptUrl = "http://www.ama-assn.org/go/cpt";
    public const string HcpcsUrl = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    /// <summary>The family of <paramref name="concept"/>: equal strings, same family.</summary>
    public static string Of(CodeSystemIndex cs, Concept concept)
    {
        if (IsModifier(concept))
        {
            return "modifier";
        }

        return cs.Url switch
        {
            CptUrl => CptSection(concept.Code),
            HcpcsUrl => concept.Code.Length > 0 ? concept.Code[..1] : "",
            _ => cs.HasHierarchy ? "root:" + Top(cs, concept).Code : "",
        };
    }

    /// <summary>True for a modifier (property <c>modifier = true</c>, as CPT and HCPCS mark them).</summary>
    public static bool IsModifier(Concept concept) => concept.PropertiesNamed("modifier").Any(p => p.Value == "true");

    /// <summary>The CPT section of a code number (codes of five characters; range headings by their first code).</summary>
    public static string CptSection(string code)
    {
        if (code.Length < 5)
        {
            return "other";
        }

        if (code[4] == 'F')
        {
            return "category-ii";
        }

        if (code[4] == 'T')
        {
            return "category-iii";
        }

        if (!int.TryParse(code.AsSpan(0, 5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return "other";
        }

        return n switch
        {
            <= 1999 => "anesthesia",
            <= 69990 => "surgery",
            <= 79999 => "radiology",
            <= 89398 => "pathology-laboratory",
            >= 99202 and <= 99499 => "evaluation-management",
            _ => "medicine",
        };
    }

    private static Concept Top(CodeSystemIndex cs, Concept concept)
    {
        var current = concept;
        for (var guard = 0; current.Parents.Length > 0 && guard < 64; guard++)
        {
            current = cs.Concepts[current.Parents[0]];
        }

        return current;
    }
}
