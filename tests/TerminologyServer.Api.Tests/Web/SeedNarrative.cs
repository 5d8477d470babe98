using Hl7.Fhir.Model;

namespace TerminologyServer.Api.Tests.Web;

/// <summary>
/// The narrative of CPT 72275 from the seed page (<c>../shared/seeds/000_4347b46140aa9454.txt</c>) as a CodeSystem
/// supplement written to the conventions of the shipped narratives (url <c>…/CodeSystem/cpt-narratives</c>, one
/// string property per section, <c>procedure-step</c> in order, <c>plan-definition</c> naming the PlanDefinition
/// whose related artifacts are the health-plan policies), and that PlanDefinition.
/// </summary>
public static class SeedNarrative
{
    public const string SupplementUrl = "http://terminologyserver.org/fhir/CodeSystem/cpt-narratives";
    public const string PlanUrl = "http://terminologyserver.org/fhir/PlanDefinition/cpt-72275";

    /// <summary>The section headings of the seed page, in order.</summary>
    public static readonly string[] Sections =
    [
        "Summary", "Purpose", "Indications", "Preparation", "Procedure Description", "Duration", "Setting", "Personnel",
        "Risks and Complications", "Benefits", "Recovery", "Alternatives", "Patient Experience",
        "Medical Policies and Guidelines for Epidurography, radiological supervision and interpretation",
        "Related policies from health plans", "Similar Codes",
    ];

    public static CodeSystem Supplement()
    {
        var cs = new CodeSystem
        {
            Id = "cpt-narratives",
            Url = SupplementUrl,
            Version = "1.0.0",
            Name = "CptNarratives",
            Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Supplement,
            Supplements = "http://www.ama-assn.org/go/cpt",
        };
        var concept = new CodeSystem.ConceptDefinitionComponent { Code = "72275", Display = "Epidurography, Radiological Supervision, and Interpretation" };
        var declared = new HashSet<string>();
        void Add(string code, params string[] texts)
        {
            if (declared.Add(code))
            {
                cs.Property.Add(new CodeSystem.PropertyComponent { Code = code, Type = CodeSystem.PropertyType.String });
            }

            foreach (var t in texts)
            {
                concept.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = code, Value = new FhirString(t) });
            }
        }

        Add("summary", "Epidurography is a diagnostic imaging procedure that involves injecting contrast dye into the epidural space of the spine and then taking X-ray images. This helps doctors assess the spinal cord, nerve roots, and surrounding structures to diagnose conditions related to the spine.");
        Add("purpose", "Epidurography is used to identify abnormalities in the spinal cord or nerve roots, such as herniated discs, spinal stenosis, or spinal injuries. The goal is to provide a clear image for accurate diagnosis and to guide subsequent treatment plans.");
        Add("indication", "Persistent back pain not relieved by conservative treatment", "Radiating pain down the legs (sciatica)", "Suspected herniated discs or spinal stenosis", "Post-surgical assessment", "To plan for further spinal procedures or surgeries");
        Add("preparation", "Patients may need to fast for several hours before the procedure.", "Medication adjustments, such as stopping blood thinners, may be necessary.", "Pre-procedure diagnostic tests like MRI or CT scans may be required.", "Patients should arrange for someone to drive them home post-procedure.");
        Add("procedure-step", "The patient lies face down on an X-ray table.", "The skin over the injection site is cleaned and numbed with a local anesthetic.", "Using fluoroscopy (real-time X-ray guidance), a needle is inserted into the epidural space.", "Contrast dye is injected through the needle.", "X-ray images are taken to visualize the distribution of the dye and the structure of the spine.", "The needle is removed, and the injection site is bandaged.");
        Add("duration", "The entire procedure typically takes about 30 to 60 minutes.");
        Add("setting", "Epidurography is usually performed in a hospital radiology department or an outpatient imaging center.");
        Add("personnel", "Radiologist or Interventional Pain Specialist", "Radiologic Technologist", "Nurse or Medical Assistant");
        Add("risk-common", "Temporary discomfort at the injection site, headache");
        Add("risk-rare", "Infection, bleeding, allergic reaction to contrast dye, nerve damage");
        Add("risk-management", "Complications can be managed with appropriate medical intervention.");
        Add("benefit", "Accurate diagnosis of spinal conditions", "Improved planning for further treatment or surgery", "Symptom relief if therapeutic measures are combined with diagnostic");
        Add("recovery", "Patients may experience soreness at the injection site for a few days.", "Most can return to normal activities the following day, but heavy lifting and strenuous activities should be avoided for a few days.", "Follow-up appointments may be scheduled to discuss results and next steps.");
        Add("alternative", "MRI or CT scan without contrast: Non-invasive but may not provide as detailed information.", "Myelography: Another type of contrast imaging of the spinal cord, but more invasive.", "Conservative treatments: Physical therapy, medications, and epidural steroid injections.");
        Add("patient-experience", "The injection may cause brief discomfort, but the area will be numbed.", "The patient may feel pressure as the needle is inserted.", "Post-procedure, some soreness is expected, but pain management measures will be provided as needed. Comfort measures such as applying ice packs to the injection site may also help with recovery.");
        Add("plan-definition", PlanUrl);
        cs.Concept.Add(concept);
        return cs;
    }

    public static PlanDefinition Plan() => new()
    {
        Id = "cpt-72275",
        Url = PlanUrl,
        Name = "Cpt72275Policies",
        Status = PublicationStatus.Active,
        RelatedArtifact =
        [
            new RelatedArtifact { Type = RelatedArtifact.RelatedArtifactType.Documentation, Display = "Example Health Plan: Epidural procedures for pain management", Url = "https://example.org/policies/epidural" },
            new RelatedArtifact { Type = RelatedArtifact.RelatedArtifactType.Documentation, Display = "<script>alert(1)</script> policy", Url = "javascript:alert(1)" },
        ],
    };
}
