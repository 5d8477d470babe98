namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// UCUM units (<c>http://unitsofmeasure.org</c>): any expression of the UCUM grammar over the prefixes and units
/// of the UCUM essence that the Fhir.Metrics library ships. Case-sensitive. The display is the expression itself
/// (what UCUM-coded quantities show), and the unit names (<c>(milligram) / (deciliter)</c>) are a designation. A
/// grammar: not enumerable. No version is stated: the essence Fhir.Metrics ships (UCUM 1.9) is older than the
/// UCUM in use, and <c>http://unitsofmeasure.org|1.9</c> is not a valid uri for clients that check the
/// <c>used-codesystem</c> parameter of an expansion strictly (the version would sit in the host name).
/// </summary>
public sealed class UcumCodeSystem : ComputedCodeSystem
{
    public const string Url = "http://unitsofmeasure.org";

    private static readonly DesignationUse Names = new("http://terminology.hl7.org/CodeSystem/designation-usage", "display", "Display");

    private readonly UcumParser _parser;

    public UcumCodeSystem()
    {
        var essence = UcumEssence.Load();
        _parser = new UcumParser(essence);
        Info = new CodeSystemInfo
        {
            Url = Url,
            Name = "UCUM",
            Title = "Unified Code for Units of Measure (UCUM)",
            Status = "active",
            Content = "complete",
            CaseSensitive = true,
            Language = "en",
        };
    }

    public override CodeSystemInfo Info { get; }

    public override bool IsEnumerable => false;

    public override IEnumerable<ComputedCode> Known => [];

    public override ComputedCode? Resolve(string code) =>
        _parser.Describe(code) is { } names ? new ComputedCode(code, code, names == code ? null : [new Designation("en", Names, names)]) : null;
}
