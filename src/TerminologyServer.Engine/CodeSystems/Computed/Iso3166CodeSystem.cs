namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// ISO 3166-1 countries (<c>urn:iso:std:iso:3166</c>): the 2-letter, 3-letter and numeric codes, each with the
/// country's English short name. Enumerable: the FHIR value sets <c>iso3166-1-2</c>, <c>-3</c> and <c>-N</c>
/// select them with code lists and regex filters. Data: Debian iso-codes (<c>Data/iso3166.tsv</c>).
/// </summary>
public sealed class Iso3166CodeSystem : ComputedCodeSystem
{
    public const string Url = "urn:iso:std:iso:3166";

    public override CodeSystemInfo Info { get; } = new()
    {
        Url = Url,
        Name = "ISO3166",
        Title = "ISO 3166-1 Codes for the representation of names of countries",
        Status = "active",
        Content = "complete",
        CaseSensitive = true,
        Language = "en",
    };

    public override bool IsEnumerable => true;

    public override IEnumerable<ComputedCode> Known
    {
        get
        {
            var rows = EmbeddedData.Rows("iso3166.tsv");
            foreach (var column in new[] { 0, 1, 2 })
            {
                foreach (var row in rows)
                {
                    yield return new ComputedCode(row[column], row[3]);
                }
            }
        }
    }

    public override ComputedCode? Resolve(string code) => null;
}
