namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// ISO 4217 currencies (<c>urn:iso:std:iso:4217</c>): the 3-letter codes with their English names, as the FHIR
/// value set <c>currencies</c> uses them. Enumerable. Data: Debian iso-codes (<c>Data/iso4217.tsv</c>).
/// </summary>
public sealed class Iso4217CodeSystem : ComputedCodeSystem
{
    public const string Url = "urn:iso:std:iso:4217";

    public override CodeSystemInfo Info { get; } = new()
    {
        Url = Url,
        Name = "ISO4217",
        Title = "ISO 4217 Currency Codes",
        Status = "active",
        Content = "complete",
        CaseSensitive = true,
        Language = "en",
    };

    public override bool IsEnumerable => true;

    public override IEnumerable<ComputedCode> Known => EmbeddedData.Rows("iso4217.tsv").Select(row => new ComputedCode(row[0], row[2]));

    public override ComputedCode? Resolve(string code) => null;
}
