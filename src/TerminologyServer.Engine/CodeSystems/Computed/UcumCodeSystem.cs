using TerminologyServer.Engine.Compose;

namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// UCUM units (<c>http://unitsofmeasure.org</c>): any expression of the UCUM grammar over the prefixes and units
/// of the UCUM essence that the Fhir.Metrics library ships. Case-sensitive. The display is the expression itself
/// (what UCUM-coded quantities show), and the unit names (<c>(milligram) / (deciliter)</c>) are a designation. A
/// grammar: not enumerable. One filter of its own: <c>canonical = unit</c> (see <see cref="UcumCanonical"/>). No version is stated: the essence Fhir.Metrics ships (UCUM 1.9) is older than the
/// UCUM in use, and <c>http://unitsofmeasure.org|1.9</c> is not a valid uri for clients that check the
/// <c>used-codesystem</c> parameter of an expansion strictly (the version would sit in the host name).
/// </summary>
public sealed class UcumCodeSystem : ComputedCodeSystem
{
    public const string Url = "http://unitsofmeasure.org";

    private static readonly DesignationUse Names = new("http://terminology.hl7.org/CodeSystem/designation-usage", "display", "Display");

    /// <summary>The filter property whose value is a unit: a unit is in the filter when it measures the same kind of quantity.</summary>
    public const string Canonical = "canonical";

    private readonly UcumParser _parser;
    private readonly UcumCanonical _canonical;

    public UcumCodeSystem()
    {
        var essence = UcumEssence.Load();
        _parser = new UcumParser(essence);
        _canonical = new UcumCanonical(essence, _parser);
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

    /// <summary>The canonical form of <paramref name="unit"/> (<c>s</c> for <c>mo</c>, <c>g.m-3</c> for <c>mg/dL</c>), or null when it is not valid UCUM.</summary>
    public string? CanonicalOf(string unit) => _canonical.Of(unit);

    private protected override CompiledFilter? CompileFilter(CodeSystemIndex cs, string property, string op, string value)
    {
        if (property != Canonical)
        {
            return null;
        }

        if (op != FilterOperators.Equal)
        {
            throw TerminologyException.NotSupported(
                "UCUM_FILTER_OP",
                $"The UCUM filter '{Canonical}' supports only the operator '=' (the units of the same kind as a unit), not '{op}'.");
        }

        var wanted = CanonicalOf(value) ?? throw TerminologyException.Invalid(
            "UCUM_FILTER_VALUE",
            $"The value '{value}' of the UCUM filter '{Canonical} =' is not a valid UCUM unit.");
        return new(c => CanonicalOf(c.Code) == wanted);
    }
}
