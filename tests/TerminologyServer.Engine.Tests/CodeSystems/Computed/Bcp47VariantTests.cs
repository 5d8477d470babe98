using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.CodeSystems.Computed;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Engine.Validate;

namespace TerminologyServer.Engine.Tests.CodeSystems.Computed;

/// <summary>BCP-47 variant subtags checked against the IANA registry and their prefixes (RFC 5646 section 3.1.8).</summary>
public class Bcp47VariantTests
{
    private static readonly Bcp47CodeSystem Bcp47 = new();
    private static readonly CodeSystemRegistry CodeSystems = ComputedCodeSystems.Register(new CodeSystemRegistry());

    [Theory]
    [InlineData("de-CH-1996", "de-CH-1996", "German (Switzerland, German orthography of 1996)")]
    [InlineData("DE-1901", "de-1901", "German (Traditional German orthography)")]
    [InlineData("sl-rozaj", "sl-rozaj", "Slovenian (Resian)")]
    [InlineData("sl-rozaj-biske", "sl-rozaj-biske", null)]
    [InlineData("sl-IT-rozaj", "sl-IT-rozaj", null)]
    [InlineData("zh-Latn-CN-pinyin", "zh-Latn-CN-pinyin", null)]
    [InlineData("en-fonipa", "en-fonipa", "English (International Phonetic Alphabet)")]
    [InlineData("ca-ES-valencia", "ca-ES-valencia", null)]
    public void GivenARegisteredVariantAfterOneOfItsPrefixes_WhenResolved_ThenTheTagIsValidAndNamesIt(string tag, string normal, string? display)
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
    [InlineData("en-US-posix", "'posix' is not a registered variant subtag")]
    [InlineData("fr-1996", "the variant '1996' (German orthography of 1996) is registered only for tags beginning with de")]
    [InlineData("sl-biske", "registered only for tags beginning with sl-rozaj")]
    [InlineData("en-pinyin", "registered only for tags beginning with zh-Latn, bo-Latn")]
    [InlineData("de-1996-1996", "the variant '1996' is repeated")]
    public void GivenAnUnknownOrMisplacedVariant_WhenResolved_ThenItIsInvalidAndTheExplanationNamesTheSubtag(string tag, string why)
    {
        Assert.Null(Bcp47.Resolve(tag));
        Assert.Contains(why, Bcp47.Explain(tag));
    }

    [Fact]
    public void GivenAnInvalidTagOtherThanByItsVariants_WhenExplained_ThenTheGenericMessageIsLeft()
    {
        Assert.Null(Bcp47.Explain("fr-XX"));
        Assert.Null(Bcp47.Explain("de-CH-1996"));
    }

    [Fact]
    public void GivenAMisplacedVariant_WhenValidatedAndLookedUp_ThenBothMessagesNameTheSubtag()
    {
        var validation = new ValueSetValidator().ValidateCodeInCodeSystem(
            new ValidateCodeRequest { Url = Bcp47CodeSystem.Url, Code = "fr-1996" }, CodeSystems);
        var lookup = Assert.Throws<TerminologyException>(() =>
            new LookupService().Lookup(CodeSystems, new LookupRequest { System = Bcp47CodeSystem.Url, Code = "en-US-posix" }));

        Assert.False(validation.Result);
        Assert.Contains("'fr-1996' is not a valid language tag: the variant '1996'", validation.Message);
        Assert.Equal(OperationOutcome.IssueType.NotFound, lookup.IssueType);
        Assert.Contains("'posix' is not a registered variant subtag", lookup.Message);
    }
}
