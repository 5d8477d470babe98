using TerminologyServer.Engine.CodeSystems.Computed;

namespace TerminologyServer.Engine.Tests.CodeSystems.Computed;

/// <summary>What each computed code system accepts, its normal form and display, checked code by code.</summary>
public class GrammarTests
{
    private static readonly Bcp47CodeSystem Bcp47 = new();
    private static readonly UcumCodeSystem Ucum = new();
    private static readonly MimeTypeCodeSystem Mime = new();

    [Theory]
    [InlineData("en", "en", "English")]
    [InlineData("en-US", "en-US", "English (United States)")]
    [InlineData("EN-us", "en-US", "English (United States)")]
    [InlineData("zh-Hant-TW", "zh-Hant-TW", null)]
    [InlineData("sr-latn-rs", "sr-Latn-RS", null)]
    [InlineData("de-CH-1901", "de-CH-1901", null)]
    [InlineData("es-419", "es-419", "Spanish (Latin America and the Caribbean)")]
    [InlineData("en-US-x-twain", "en-US-x-twain", null)]
    [InlineData("en-a-bbb-x-a-ccc", "en-a-bbb-x-a-ccc", null)]
    [InlineData("x-whatever", "x-whatever", null)]
    [InlineData("i-klingon", "i-klingon", "i-klingon")]
    [InlineData("zh-yue-HK", "zh-yue-HK", null)]
    [InlineData("gsw", "gsw", null)]
    public void GivenAValidLanguageTag_WhenResolved_ThenItsNormalFormAndDisplayAreGiven(string tag, string normal, string? display)
    {
        var code = Bcp47.Resolve(tag);

        Assert.NotNull(code);
        Assert.Equal(normal, code.Code);
        if (display is not null)
        {
            Assert.Equal(display, code.Display);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("english")]
    [InlineData("en-")]
    [InlineData("en--US")]
    [InlineData("qq")]
    [InlineData("deu")]
    [InlineData("en-ZZ")]
    [InlineData("en-Abcd")]
    [InlineData("en-a")]
    [InlineData("en-US-US")]
    [InlineData("de-1901-1901")]
    [InlineData("en-a-bbb-a-ccc")]
    [InlineData("en-x")]
    [InlineData("en_US")]
    [InlineData("en-US-verylongvariant")]
    public void GivenAnInvalidLanguageTag_WhenResolved_ThenItIsRejected(string tag) => Assert.Null(Bcp47.Resolve(tag));

    [Theory]
    [InlineData("mg", "(milligram)")]
    [InlineData("mg/dL", "(milligram) / (deciliter)")]
    [InlineData("10*3/uL", null)]
    [InlineData("{beats}/min", null)]
    [InlineData("kg.m/s2", "(kilogram) * (meter) / (second)^2")]
    [InlineData("mm[Hg]", null)]
    [InlineData("/min", "1 / (minute)")]
    [InlineData("g/(24.h)", "(gram) / (24 * (hour))")]
    [InlineData("%{Negative Control}", null)]
    [InlineData("10.L/min", null)]
    [InlineData("Cel", null)]
    [InlineData("[degF]", null)]
    [InlineData("1", null)]
    [InlineData("s-1", "(second)^-1")]
    [InlineData("B[10.nV]", null)]
    public void GivenAValidUcumExpression_WhenResolved_ThenTheCodeIsItsOwnDisplayAndTheUnitsAreNamed(string expression, string? names)
    {
        var code = Ucum.Resolve(expression);

        Assert.NotNull(code);
        Assert.Equal(expression, code.Display);
        if (names is not null)
        {
            Assert.Equal(names, Assert.Single(code.Designations!).Value);
        }
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("mgx")]
    [InlineData("kg.")]
    [InlineData("(mg")]
    [InlineData("mg)")]
    [InlineData("m{abc")]
    [InlineData("k[in_i]")]
    [InlineData("KG")]
    [InlineData("m g")]
    [InlineData("")]
    public void GivenAnInvalidUcumExpression_WhenResolved_ThenItIsRejected(string expression) => Assert.Null(Ucum.Resolve(expression));

    [Fact]
    public void GivenDeeplyNestedParentheses_WhenResolved_ThenItIsRejectedWithoutRecursingWithoutBound() =>
        Assert.Null(Ucum.Resolve(new string('(', 100) + "m" + new string(')', 100)));

    [Theory]
    [InlineData("application/json")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/hl7-cda+xml")]
    [InlineData("application/vnd.example.thing+json")]
    [InlineData("image/x-custom")]
    [InlineData("application/fhir+json")]
    public void GivenAValidMediaType_WhenResolved_ThenItIsItsOwnDisplay(string type) => Assert.Equal(type, Mime.Resolve(type)?.Display);

    [Theory]
    [InlineData("json")]
    [InlineData("application/")]
    [InlineData("foo/bar")]
    [InlineData("text/plain;")]
    [InlineData("x-foo/bar")]
    [InlineData("text/plain; charset")]
    public void GivenAnInvalidMediaType_WhenResolved_ThenItIsRejected(string type) => Assert.Null(Mime.Resolve(type));

    [Fact]
    public void GivenTheIsoRegistries_WhenListed_ThenEveryCountryHasThreeCodesAndCurrenciesTheirNames()
    {
        var countries = new Iso3166CodeSystem().Known.ToList();
        var currencies = new Iso4217CodeSystem().Known.ToDictionary(c => c.Code, c => c.Display);

        Assert.Equal(249 * 3, countries.Count);
        Assert.Equal(["United States"], countries.Where(c => c.Code is "US" or "USA" or "840").Select(c => c.Display).Distinct());
        Assert.Equal("Euro", currencies["EUR"]);
        Assert.Equal("US Dollar", currencies["USD"]);
    }
}
