using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Cpt;

/// <summary>The CPT filters, alone and combined (with each other and the text filter), and the predefined CPT value sets.</summary>
public abstract class CptValueSetTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    /// <summary>What the code system under test holds: the shipped fragment, or the full-size import of the fixture.</summary>
    private CptExpectations Expected => fixture is FullSizeCptFixture full ? full.Expected : CptExpectations.Fragment;

    private List<string> AllModifiers => Expected.Codes(e => e.Modifier);

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenEachFilterAlone_WhenExpanded_ThenExactlyTheMatchingCodesComeBack()
    {
        fixture.SkipIfUnavailable();
        var c = fixture.Client;
        var x = Expected;
        bool Kind(CptExpectations.Entry e, params string[] kinds) => e.Kinds.Any(kinds.Contains);

        Assert.Equal(AllModifiers, await CptCalls.CodesAsync(c, null, ("modifier", "=", "true")));
        Assert.Equal(x.Codes(e => !e.Modifier), await CptCalls.CodesAsync(c, null, ("modifier", "=", "false")));
        Assert.Empty(await CptCalls.CodesAsync(c, null, ("modified", "=", "true")));
        Assert.Equal(x.Codes(), await CptCalls.CodesAsync(c, null, ("modified", "=", "false")));
        Assert.Equal(x.Codes(e => Kind(e, "physical-status")), await CptCalls.CodesAsync(c, null, ("kind", "=", "physical-status")));
        Assert.Equal(x.Codes(e => Kind(e, "cat-2", "hcpcs")), await CptCalls.CodesAsync(c, null, ("kind", "in", "cat-2, hcpcs")));
        Assert.Equal(x.Codes(e => Kind(e, "metadata")), await CptCalls.CodesAsync(c, null, ("kind", "=", "metadata")));
        Assert.Equal(x.Codes(e => e.Telemedicine), await CptCalls.CodesAsync(c, null, ("telemedicine", "=", "true")));
        Assert.Equal(x.Codes(e => e.Orthopox), await CptCalls.CodesAsync(c, null, ("orthopox", "=", "true")));
        Assert.Equal(x.Codes(e => !e.Orthopox), await CptCalls.CodesAsync(c, null, ("orthopox", "=", "false")));
        Assert.Equal(x.Codes(e => e.Code.Length == 5 && e.Code.EndsWith('F') && e.Code[..4].All(char.IsAsciiDigit) && e.Code != "0000F"), await CptCalls.CodesAsync(c, null, ("code", "in", "0001F-9999F")));
        Assert.Equal(
            x.Codes(e => int.TryParse(e.Code, out var n) && e.Code.Length == 5 && ((n >= 20100 && n <= 69990) || n == 92920 || (n >= 92926 && n <= 92928))),
            await CptCalls.CodesAsync(c, null, ("code", "in", "20100-69990, 92920, 92926-92928")));

        // The data has codes for each of these (so no list above is trivially empty).
        Assert.Superset(new HashSet<string> { "P1", "P6" }, (await CptCalls.CodesAsync(c, null, ("kind", "=", "physical-status"))).ToHashSet());
        Assert.Superset(new HashSet<string> { "99213", "90791" }, (await CptCalls.CodesAsync(c, null, ("telemedicine", "=", "true"))).ToHashSet());
        Assert.Superset(new HashSet<string> { "90611" }, (await CptCalls.CodesAsync(c, null, ("orthopox", "=", "true"))).ToHashSet());
        Assert.Superset(new HashSet<string> { "1125F", "3008F" }, (await CptCalls.CodesAsync(c, null, ("code", "in", "0001F-9999F"))).ToHashSet());
        Assert.Superset(new HashSet<string> { "62321", "92920" }, (await CptCalls.CodesAsync(c, null, ("code", "in", "20100-69990, 92920, 92926-92928"))).ToHashSet());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenFiltersCombined_WhenExpanded_ThenEveryFilterAndTheTextFilterMustHold()
    {
        fixture.SkipIfUnavailable();
        var c = fixture.Client;
        var x = Expected;
        static bool In(string code, int low, int high) => code.Length == 5 && int.TryParse(code, out var n) && n >= low && n <= high;

        Assert.Equal(x.Codes(e => e.Orthopox && In(e.Code, 90000, 99999)), await CptCalls.CodesAsync(c, null, ("orthopox", "=", "true"), ("code", "in", "90000-99999")));
        Assert.Equal(x.Codes(e => e.Telemedicine && !In(e.Code, 99210, 99219)), await CptCalls.CodesAsync(c, null, ("telemedicine", "=", "true"), ("code", "not-in", "99210-99219")));
        Assert.Equal(
            x.Codes(e => !e.Telemedicine && e.Kinds.Contains("code") && In(e.Code, 90000, 99999)),
            await CptCalls.CodesAsync(c, null, ("telemedicine", "=", "false"), ("kind", "=", "code"), ("code", "in", "90000-99999")));
        Assert.Equal(x.Codes(e => e.Modifier && e.Kinds.Contains("cat-2")), await CptCalls.CodesAsync(c, null, ("modifier", "=", "true"), ("kind", "in", "cat-2")));
        Assert.Contains("90611", await CptCalls.CodesAsync(c, null, ("orthopox", "=", "true"), ("code", "in", "90000-99999")));

        // With the text filter: every word must start a word of the display or a descriptor, on top of the filters.
        Assert.Contains("62321", await CptCalls.CodesAsync(c, "fluoroscopy between", ("modified", "=", "false"), ("modifier", "=", "false"), ("code", "in", "62320-62327")));
        Assert.DoesNotContain("62320", await CptCalls.CodesAsync(c, "fluoroscopy between", ("modified", "=", "false"), ("modifier", "=", "false"), ("code", "in", "62320-62327")));
        Assert.DoesNotContain("64479", await CptCalls.CodesAsync(c, "fluoroscopy", ("modifier", "=", "false"), ("code", "in", "62320-62327")));
        Assert.Equal(["95"], await CptCalls.CodesAsync(c, "real-time video", ("modifier", "=", "true"), ("code", "in", "95")));
        Assert.Empty(await CptCalls.CodesAsync(c, "video", ("modifier", "=", "true"), ("kind", "=", "physical-status")));
    }

    [SkippableTheory]
    [InlineData("kind", "=", "cat2", "cat-2")] // one spelling of every kind; the message lists them
    [InlineData("code", "in", "20100-6999", "20100-69990")]
    [InlineData("code", "in", "69990-20100", "low first")]
    [InlineData("telemedicine", "=", "yes", "boolean")]
    [InlineData("modifier", "=", "maybe", "boolean")]
    public async System.Threading.Tasks.Task GivenABadFilterValue_WhenExpanded_ThenA400SaysWhatIsWrong(string property, string op, string value, string said)
    {
        fixture.SkipIfUnavailable();
        var response = await CptCalls.ExpandFilteredAsync(fixture.Client, null, (property, op, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(said, (await Wire.ReadOutcomeAsync(response)).Issue[0].Details.Text);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenThePredefinedValueSets_WhenExpanded_ThenEachHoldsExactlyItsCodes()
    {
        fixture.SkipIfUnavailable();
        var c = fixture.Client;
        var baseCodes = Expected.Codes(e => !e.Modifier);

        Assert.Equal(baseCodes, await CptCalls.AllCodesAsync(c, CptCalls.Base));
        Assert.Equal(AllModifiers, await CptCalls.AllCodesAsync(c, CptCalls.Modifiers));
        Assert.Equal(baseCodes, await CptCalls.AllCodesAsync(c, CptCalls.Usable));
        Assert.Equal(Expected.Codes(), await CptCalls.AllCodesAsync(c, CptCalls.All));
        Assert.Equal(Expected.Codes(), await CptCalls.AllCodesAsync(c, CptCalls.Implicit));
        Assert.Equal(20, (await CptCalls.ExpandAsync(c, CptCalls.Base, count: 20)).Expansion.Contains.Count);
    }

    [SkippableTheory]
    [InlineData(CptCalls.Usable, "62321", true)]
    [InlineData(CptCalls.Usable, "62321:50", true)]
    [InlineData(CptCalls.Usable, "99213:25:95", true)]
    [InlineData(CptCalls.Usable, "72275:26", true)]
    [InlineData(CptCalls.Usable, "50", false)]
    [InlineData(CptCalls.Usable, "62321:P1", false)] // a member by form, but it breaks a modifier rule
    [InlineData(CptCalls.Base, "62321", true)]
    [InlineData(CptCalls.Base, "62321:50", false)]
    [InlineData(CptCalls.Base, "26", false)]
    [InlineData(CptCalls.Modifiers, "26", true)]
    [InlineData(CptCalls.Modifiers, "62321:26", false)]
    [InlineData(CptCalls.All, "62321:50", true)]
    [InlineData(CptCalls.Implicit, "99213:95", true)]
    [InlineData(CptCalls.Implicit, "72240:95", false)]
    public async System.Threading.Tasks.Task GivenAPredefinedValueSet_WhenACodeOrExpressionIsValidated_ThenMembershipAndRulesDecide(string valueSet, string code, bool valid)
    {
        fixture.SkipIfUnavailable();
        var p = await CptCalls.ValidateInAsync(fixture.Client, valueSet, code);

        Assert.Equal(valid, p.Result());
    }
}

public sealed class SqliteCptValueSetTests(SqliteFixture fixture) : CptValueSetTests<SqliteFixture>(fixture);

public sealed class PostgresCptValueSetTests(PostgresFixture fixture) : CptValueSetTests<PostgresFixture>(fixture);
