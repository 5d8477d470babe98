namespace TerminologyServer.Engine.CodeSystems.Computed;

/// <summary>
/// ISO 3166-2 country subdivisions (<c>urn:iso:std:iso:3166:-2</c>, the url of the FHIR core value set
/// <c>jurisdiction</c>): codes such as <c>US-CA</c>, <c>GB-ENG</c>, <c>DE-BY</c>, each with its name, a <c>type</c>
/// property (State, Province, Land...), a <c>country</c> property (the ISO 3166-1 alpha-2 code its code starts
/// with, so <c>country = US</c> filters a country's subdivisions) and, for the subdivisions of a subdivision, a
/// parent (<c>GB-LND</c> is in <c>GB-ENG</c>; <c>is-a</c> filters work). Enumerable (about 5,100 codes).
/// Data: Debian iso-codes (<c>Data/iso3166-2.tsv</c>).
/// </summary>
public sealed class Iso3166Part2CodeSystem : ComputedCodeSystem
{
    public const string Url = "urn:iso:std:iso:3166:-2";

    private readonly Dictionary<string, string> _countries = EmbeddedData.Rows("iso3166.tsv").ToDictionary(r => r[0], r => r[3], StringComparer.Ordinal);
    private readonly Lazy<HashSet<string>> _withSubdivisions;
    private readonly Lazy<HashSet<string>> _codes;

    public Iso3166Part2CodeSystem()
    {
        _codes = new(() => Rows.Select(r => r[0]).ToHashSet(StringComparer.Ordinal));
        _withSubdivisions = new(() => _codes.Value.Select(Country).ToHashSet(StringComparer.Ordinal));
    }

    public override CodeSystemInfo Info { get; } = new()
    {
        Url = Url,
        Name = "ISO3166Part2",
        Title = "ISO 3166-2 Codes for the representation of names of country subdivisions",
        Status = "active",
        Content = "complete",
        CaseSensitive = true,
        Language = "en",
    };

    public override bool IsEnumerable => true;

    public override IReadOnlyList<PropertyDefinition> Properties { get; } =
    [
        new("type", null, "The kind of subdivision (State, Province, Land, Region...)", PropertyType.String),
        new("country", null, "The ISO 3166-1 alpha-2 code of the country the subdivision belongs to", PropertyType.Code),
    ];

    public override IEnumerable<ComputedCode> Known => Rows.Select(row => new ComputedCode(row[0], row[3])
    {
        Parent = row[2].Length > 0 ? row[2] : null,
        Properties =
        [
            new PropertyValue("type", PropertyType.String, row[1]),
            new PropertyValue("country", PropertyType.Code, Country(row[0]), Iso3166CodeSystem.Url, _countries.GetValueOrDefault(Country(row[0]))),
        ],
    });

    private static IReadOnlyList<string[]> Rows => EmbeddedData.Rows("iso3166-2.tsv");

    public override ComputedCode? Resolve(string code) => null;

    public override string? Explain(string code)
    {
        var dash = code.IndexOf('-');
        if (dash != 2 || code.Length is < 4 or > 6 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || code.LastIndexOf('-') != 2)
        {
            return $"'{Shorten(code)}' is not an ISO 3166-2 code: the form is a country's ISO 3166-1 alpha-2 code, '-' and one to three letters or digits (e.g. US-CA)";
        }

        var upper = code.ToUpperInvariant();
        if (upper != code && _codes.Value.Contains(upper))
        {
            return $"'{code}' is not an ISO 3166-2 code: codes are upper case ('{upper}')";
        }

        var country = Country(upper);
        if (!_countries.TryGetValue(country, out var name))
        {
            return $"'{code}' is not an ISO 3166-2 code: '{code[..2]}' is not an ISO 3166-1 alpha-2 country code";
        }

        return _withSubdivisions.Value.Contains(country)
            ? $"'{code}' is not an ISO 3166-2 code: {name} ({country}) has no subdivision '{code[3..]}'"
            : $"'{code}' is not an ISO 3166-2 code: {name} ({country}) has no subdivisions in ISO 3166-2";
    }

    private static string Country(string code) => code[..2];

    private static string Shorten(string code) => code.Length > 40 ? code[..40] + "..." : code;
}
