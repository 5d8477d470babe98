using System.Text;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Engine.Narratives;

/// <summary>
/// Writes a narrative back in the seed's layout (title, code line, headings, <c>•</c> bullets, numbered steps,
/// the three headings a web page fills). Parsing the result gives the same <see cref="NarrativeDocument.Structure"/>.
/// </summary>
public static class NarrativeRenderer
{
    private static readonly (NarrativeSection Section, string Property)[] Layout =
    [
        (NarrativeSection.Summary, P.Summary),
        (NarrativeSection.Purpose, P.Purpose),
        (NarrativeSection.Indications, P.Indication),
        (NarrativeSection.Preparation, P.Preparation),
        (NarrativeSection.Procedure, P.ProcedureStep),
        (NarrativeSection.Duration, P.Duration),
        (NarrativeSection.Setting, P.Setting),
        (NarrativeSection.Personnel, P.Personnel),
    ];

    private static readonly (NarrativeSection Section, string Property)[] LayoutAfterRisks =
    [
        (NarrativeSection.Benefits, P.Benefit),
        (NarrativeSection.Recovery, P.Recovery),
        (NarrativeSection.Alternatives, P.Alternative),
        (NarrativeSection.PatientExperience, P.PatientExperience),
    ];

    public static string Render(NarrativeDocument doc)
    {
        var w = new StringBuilder();
        Paragraph(w, doc.Title);
        Paragraph(w, doc.Code is null ? doc.SystemLabel ?? NarrativeHeadings.LabelFor(doc.System) : $"{doc.SystemLabel ?? NarrativeHeadings.LabelFor(doc.System)}: {doc.Code}");
        if (doc.ProcedureName is { } name)
        {
            Paragraph(w, NarrativeHeadings.Canonical[NarrativeSection.Name]);
            Paragraph(w, name);
        }

        foreach (var (section, property) in Layout)
        {
            Section(w, section, property, doc.ValuesOf(property).ToList());
        }

        var risks = doc.ValuesOf(P.RiskCommon).Select(v => NarrativeSections.RiskItem(P.RiskCommon, v))
            .Concat(doc.ValuesOf(P.RiskRare).Select(v => NarrativeSections.RiskItem(P.RiskRare, v)))
            .Concat(doc.ValuesOf(P.RiskManagement).Select(v => NarrativeSections.RiskItem(P.RiskManagement, v)))
            .ToList();
        if (risks.Count > 0)
        {
            Paragraph(w, NarrativeHeadings.Canonical[NarrativeSection.Risks]);
            Bullets(w, risks, numbered: false);
        }

        foreach (var (section, property) in LayoutAfterRisks)
        {
            Section(w, section, property, doc.ValuesOf(property).ToList());
        }

        Paragraph(w, $"{NarrativeHeadings.Canonical[NarrativeSection.Policies]} {doc.Title}");
        Bullets(w, doc.ValuesOf(P.Policy).ToList(), numbered: false);
        Paragraph(w, NarrativeHeadings.Canonical[NarrativeSection.RelatedPolicies]);
        w.Append(NarrativeHeadings.Canonical[NarrativeSection.SimilarCodes]).Append('\n');
        return w.ToString();
    }

    private static void Section(StringBuilder w, NarrativeSection section, string property, List<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        Paragraph(w, NarrativeHeadings.Canonical[section]);
        if (P.IsSingleValued(property))
        {
            foreach (var v in values)
            {
                Paragraph(w, v);
            }
        }
        else
        {
            Bullets(w, values, numbered: section == NarrativeSection.Procedure);
        }
    }

    private static void Paragraph(StringBuilder w, string text) => w.Append(text).Append("\n\n");

    private static void Bullets(StringBuilder w, List<string> items, bool numbered)
    {
        for (var i = 0; i < items.Count; i++)
        {
            w.Append("  ").Append(numbered ? $"{i + 1}. " : "• ").Append(items[i]).Append('\n');
        }

        if (items.Count > 0)
        {
            w.Append('\n');
        }
    }
}
