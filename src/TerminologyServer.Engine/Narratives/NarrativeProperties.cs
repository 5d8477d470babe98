using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Engine.Narratives;

/// <summary>
/// The fixed names of procedure narratives: the property codes of a narrative supplement, their URIs and types,
/// and the ids and canonical urls of the supplement and of the PlanDefinitions. Other parts of the server (search,
/// web pages) read narratives through exactly these codes.
/// </summary>
public static class NarrativeProperties
{
    /// <summary>Canonical base of the definitions this server owns.</summary>
    public const string CanonicalBase = "http://terminologyserver.org/fhir";

    /// <summary>Each property is declared with the uri <c>{PropertyUriBase}{code}</c>.</summary>
    public const string PropertyUriBase = CanonicalBase + "/narrative-property#";

    public const string Cpt = "http://www.ama-assn.org/go/cpt";

    public const string Summary = "summary", Purpose = "purpose", Indication = "indication", Preparation = "preparation",
        ProcedureStep = "procedure-step", Duration = "duration", DurationMin = "duration-min", DurationMax = "duration-max",
        Setting = "setting", Personnel = "personnel", RiskCommon = "risk-common", RiskRare = "risk-rare",
        RiskManagement = "risk-management", Benefit = "benefit", Recovery = "recovery", Alternative = "alternative",
        PatientExperience = "patient-experience", Policy = "policy", PlanDefinition = "plan-definition";

    /// <summary>
    /// The designation use of the "Name of the Procedure" on a supplement concept (no language, so it never
    /// replaces the code system's display).
    /// </summary>
    public const string NameUseSystem = CanonicalBase + "/CodeSystem/narrative-designation", NameUseCode = "procedure-name";

    /// <summary>Every property in declaration order, with its type and a short description.</summary>
    public static readonly IReadOnlyList<(string Code, PropertyType Type, string Description)> All =
    [
        (Summary, PropertyType.String, "What the procedure is, in plain language."),
        (Purpose, PropertyType.String, "Why the procedure is done."),
        (Indication, PropertyType.String, "A reason to do the procedure (one value per indication)."),
        (Preparation, PropertyType.String, "Something the patient does or arranges beforehand (one value per item)."),
        (ProcedureStep, PropertyType.String, "One step of the procedure; the values are in the order of the steps."),
        (Duration, PropertyType.String, "How long the procedure takes, as written."),
        (DurationMin, PropertyType.Integer, "Typical shortest duration in minutes, when the duration text states it."),
        (DurationMax, PropertyType.Integer, "Typical longest duration in minutes, when the duration text states it."),
        (Setting, PropertyType.String, "Where the procedure is done."),
        (Personnel, PropertyType.String, "Who takes part (one value per role)."),
        (RiskCommon, PropertyType.String, "Common risks and side effects."),
        (RiskRare, PropertyType.String, "Rare risks and complications."),
        (RiskManagement, PropertyType.String, "How complications are handled."),
        (Benefit, PropertyType.String, "A benefit of the procedure."),
        (Recovery, PropertyType.String, "What recovery and follow-up look like."),
        (Alternative, PropertyType.String, "An alternative to the procedure."),
        (PatientExperience, PropertyType.String, "What the patient feels or notices."),
        (Policy, PropertyType.String, "A medical policy or guideline about the procedure."),
        (PlanDefinition, PropertyType.String, "Canonical url of the PlanDefinition describing the procedure (a string: R4 has no uri property type)."),
    ];

    /// <summary>Property codes whose paragraphs form one value (the others get one value per paragraph or bullet).</summary>
    public static bool IsSingleValued(string code) => code is Summary or Purpose or Duration;

    /// <summary>
    /// The id naming a code system in narrative ids: <c>cpt</c> for CPT whatever id a CPT import was stored under
    /// (so the supplement stays <c>cpt-narratives</c> across releases), else the stored id.
    /// </summary>
    public static string CodeSystemId(string systemUrl, string storedId) => systemUrl == Cpt ? "cpt" : storedId;

    /// <summary>Logical id of the narrative supplement of a code system (<c>cpt-narratives</c>).</summary>
    public static string SupplementId(string codeSystemId) => codeSystemId + "-narratives";

    public static string SupplementUrl(string codeSystemId) => $"{CanonicalBase}/CodeSystem/{SupplementId(codeSystemId)}";

    /// <summary>True for the url of a narrative supplement made by this server.</summary>
    public static bool IsSupplementUrl(string url) =>
        url.StartsWith(CanonicalBase + "/CodeSystem/", StringComparison.Ordinal) && url.EndsWith("-narratives", StringComparison.Ordinal);

    /// <summary>Logical id of the PlanDefinition of a procedure (<c>cpt-72275</c>); characters FHIR ids refuse become '-'.</summary>
    public static string PlanDefinitionId(string codeSystemId, string code)
    {
        var raw = $"{codeSystemId}-{code}";
        var chars = raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray();
        return new string(chars, 0, Math.Min(chars.Length, 64));
    }

    public static string PlanDefinitionUrl(string codeSystemId, string code) => $"{CanonicalBase}/PlanDefinition/{PlanDefinitionId(codeSystemId, code)}";
}
