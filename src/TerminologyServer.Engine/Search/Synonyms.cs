namespace TerminologyServer.Engine.Search;

/// <summary>
/// Lay terms and abbreviations a patient or coder types, and the wording the code systems use (ICD-10-CM, CPT
/// descriptors), so that <c>heart attack</c> finds <c>I21 Acute myocardial infarction</c>. Source: compiled by hand
/// for this project from the everyday names of common conditions (the kind MedlinePlus health-topic titles use) and
/// the titles of the ICD-10-CM categories they correspond to; not copied from any licensed vocabulary. A phrase of
/// the query (whole words) is replaced by its clinical wording before the search; keep entries lower case, longest
/// first within a shared start, and add one line per term with the code system's exact words.
/// </summary>
public static class Synonyms
{
    private static readonly (string Lay, string Clinical)[] List =
    [
        ("heart attack", "myocardial infarction"),
        ("high blood pressure", "hypertension"),
        ("low blood pressure", "hypotension"),
        ("high cholesterol", "hypercholesterolemia"),
        ("kidney stones", "calculus of kidney"),
        ("kidney stone", "calculus of kidney"),
        ("gallstones", "calculus of gallbladder"),
        ("gallstone", "calculus of gallbladder"),
        ("strep throat", "streptococcal pharyngitis"),
        ("pink eye", "conjunctivitis"),
        ("stroke", "cerebral infarction"),
        ("uti", "urinary tract infection"),
        ("copd", "chronic obstructive pulmonary disease"),
        ("chf", "heart failure"),
        ("afib", "atrial fibrillation"),
        ("flu", "influenza"),
        ("diabetes", "diabetes mellitus"),
        ("myelography", "contrast study spinal canal"),
        ("myelogram", "contrast study spinal canal"),
        ("broken", "fracture"),
        ("appendectomy", "resection of appendix"),
        ("hay fever", "allergic rhinitis"),
        ("shingles", "zoster"),
        ("chickenpox", "varicella"),
        ("heartburn", "gastro-esophageal reflux"),
        ("acid reflux", "gastro-esophageal reflux"),
    ];

    /// <summary>The entries, for documentation and tests.</summary>
    public static IReadOnlyList<(string Lay, string Clinical)> Entries => List;

    /// <summary>
    /// <paramref name="query"/> with each lay phrase (whole words, case ignored) replaced by its clinical wording, or
    /// the query itself when none occurs. A phrase already followed by its clinical wording is left alone
    /// (<c>diabetes mellitus</c> stays as it is).
    /// </summary>
    public static string Rewrite(string query)
    {
        var words = Words.Split(query);
        if (words.Count == 0)
        {
            return query;
        }

        var output = new List<string>();
        var changed = false;
        for (var i = 0; i < words.Count;)
        {
            var matched = false;
            foreach (var (lay, clinical) in List)
            {
                var layWords = lay.Split(' ');
                if (i + layWords.Length > words.Count || !layWords.Select((w, k) => words[i + k] == w).All(b => b))
                {
                    continue;
                }

                var clinicalWords = Words.Split(clinical);
                var already = clinicalWords.Count > layWords.Length && words.Skip(i).Take(clinicalWords.Count).SequenceEqual(clinicalWords);
                if (already)
                {
                    break;
                }

                output.AddRange(clinicalWords);
                i += layWords.Length;
                matched = changed = true;
                break;
            }

            if (!matched)
            {
                output.Add(words[i]);
                i++;
            }
        }

        return changed ? string.Join(' ', output) : query;
    }
}
