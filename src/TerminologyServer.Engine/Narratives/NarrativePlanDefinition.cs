using Hl7.Fhir.Model;
using P = TerminologyServer.Engine.Narratives.NarrativeProperties;

namespace TerminologyServer.Engine.Narratives;

/// <summary>
/// The PlanDefinition of a procedure narrative (a <c>clinical-protocol</c>): topic and action code = the procedure's
/// coding, description = summary, purpose, usage = indications, venue from the setting, and actions Preparation →
/// Procedure (one sub-action per step, in order, each after the previous; participants; timing) → Recovery.
/// See https://hl7.org/fhir/R4/plandefinition.html.
/// </summary>
public static class NarrativePlanDefinition
{
    private const string Ucum = "http://unitsofmeasure.org";

    public static PlanDefinition Build(NarrativeDocument doc, string codeSystemId, string systemUrl, string code, string? display)
    {
        var coding = new Coding(systemUrl, code, display);
        var title = doc.ProcedureName ?? doc.Title;
        var pd = new PlanDefinition
        {
            Id = P.PlanDefinitionId(codeSystemId, code),
            Url = P.PlanDefinitionUrl(codeSystemId, code),
            Name = Name(codeSystemId, code, title),
            Title = title,
            Type = new CodeableConcept { Coding = [new Coding("http://terminology.hl7.org/CodeSystem/plan-definition-type", "clinical-protocol", "Clinical Protocol")] },
            Status = PublicationStatus.Active,
            Experimental = false,
            Description = doc.ValuesOf(P.Summary).FirstOrDefault(),
            Purpose = doc.ValuesOf(P.Purpose).FirstOrDefault(),
            Usage = List("Indications:", doc.ValuesOf(P.Indication)),
            Topic = [new CodeableConcept { Coding = [coding], Text = title }],
        };

        foreach (var setting in doc.ValuesOf(P.Setting))
        {
            pd.UseContext.Add(new UsageContext
            {
                Code = new Coding("http://terminology.hl7.org/CodeSystem/usage-context-type", "venue", "Clinical Venue"),
                Value = new CodeableConcept { Text = setting },
            });
        }

        pd.RelatedArtifact.Add(new RelatedArtifact
        {
            Type = RelatedArtifact.RelatedArtifactType.DerivedFrom,
            Display = "Narrative supplement this plan was made from",
            Resource = P.SupplementUrl(codeSystemId),
        });
        foreach (var policy in doc.ValuesOf(P.Policy))
        {
            pd.RelatedArtifact.Add(new RelatedArtifact { Type = RelatedArtifact.RelatedArtifactType.Documentation, Label = "Policy", Display = policy });
        }

        foreach (var alternative in doc.ValuesOf(P.Alternative))
        {
            pd.RelatedArtifact.Add(new RelatedArtifact { Type = RelatedArtifact.RelatedArtifactType.Documentation, Label = "Alternative", Display = alternative });
        }

        var preparation = Group("preparation", "Preparation", doc.ValuesOf(P.Preparation), null);
        var procedure = Procedure(doc, coding, title);
        var recovery = Group("recovery", "Recovery and follow-up", doc.ValuesOf(P.Recovery), "procedure");
        if (preparation is not null)
        {
            pd.Action.Add(preparation);
            procedure.RelatedAction.Add(After("preparation"));
        }

        pd.Action.Add(procedure);
        if (recovery is not null)
        {
            pd.Action.Add(recovery);
        }

        return pd;
    }

    private static PlanDefinition.ActionComponent Procedure(NarrativeDocument doc, Coding coding, string title)
    {
        var action = new PlanDefinition.ActionComponent
        {
            ElementId = "procedure",
            Title = title,
            Description = doc.ValuesOf(P.Summary).FirstOrDefault(),
            Code = [new CodeableConcept { Coding = [coding] }],
        };
        if (doc.ValuesOf(P.Duration).FirstOrDefault() is { } duration && NarrativeSections.Minutes(duration) is var (min, max))
        {
            action.Timing = min == max
                ? new Duration { Value = min, Unit = "min", System = Ucum, Code = "min" }
                : new Hl7.Fhir.Model.Range { Low = Minutes(min), High = Minutes(max) };
        }

        foreach (var role in doc.ValuesOf(P.Personnel))
        {
            action.Participant.Add(new PlanDefinition.ParticipantComponent { Type = ActionParticipantType.Practitioner, Role = new CodeableConcept { Text = role } });
        }

        var step = 0;
        foreach (var text in doc.ValuesOf(P.ProcedureStep))
        {
            step++;
            var sub = new PlanDefinition.ActionComponent { ElementId = $"step-{step}", Title = $"Step {step}", Description = text };
            if (step > 1)
            {
                sub.RelatedAction.Add(After($"step-{step - 1}"));
            }

            action.Action.Add(sub);
        }

        return action;
    }

    private static PlanDefinition.ActionComponent? Group(string id, string title, IEnumerable<string> items, string? after)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var group = new PlanDefinition.ActionComponent { ElementId = id, Title = title };
        if (after is not null)
        {
            group.RelatedAction.Add(After(after));
        }

        for (var i = 0; i < list.Count; i++)
        {
            group.Action.Add(new PlanDefinition.ActionComponent { ElementId = $"{id}-{i + 1}", Description = list[i] });
        }

        return group;
    }

    private static PlanDefinition.RelatedActionComponent After(string actionId) =>
        new() { ActionId = actionId, Relationship = ActionRelationshipType.AfterEnd };

    private static Quantity Minutes(int value) => new() { Value = value, Unit = "min", System = Ucum, Code = "min" };

    private static string? List(string heading, IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : heading + "\n\n" + string.Join("\n", list.Select(i => "- " + i));
    }

    /// <summary>A machine-processable name (cnl-0: starts with a capital, letters, digits and '_').</summary>
    private static string Name(string codeSystemId, string code, string title)
    {
        var name = NarrativeMapper.Pascal(codeSystemId) + new string(code.Where(char.IsAsciiLetterOrDigit).ToArray()) + NarrativeMapper.Pascal(title);
        return name.Length <= 120 ? name : name[..120];
    }
}
