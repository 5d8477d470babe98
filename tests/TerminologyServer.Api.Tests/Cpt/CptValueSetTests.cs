using System.Net;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Cpt;

/// <summary>The CPT filters, alone and combined (with each other and the text filter), and the predefined CPT value sets.</summary>
public abstract class CptValueSetTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private static readonly string[] AllModifiers =
        ["1P", "25", "26", "2P", "3P", "50", "51", "52", "53", "57", "59", "63", "73", "74", "76", "77", "78", "79", "8P", "92", "93", "95",
         "P1", "P2", "P3", "P4", "P5", "P6", "TC", "XE", "XP", "XS", "XU"];

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenEachFilterAlone_WhenExpanded_ThenExactlyTheMatchingCodesComeBack()
    {
        fixture.SkipIfUnavailable();
        var c = fixture.Client;

        Assert.Equal(AllModifiers, await CptCalls.CodesAsync(c, null, ("modifier", "=", "true")));
        Assert.Empty(await CptCalls.CodesAsync(c, null, ("modified", "=", "true")));
        Assert.Equal(Fragment.Codes.Length, (await CptCalls.CodesAsync(c, null, ("modified", "=", "false"))).Count);
        Assert.Equal(["P1", "P2", "P3", "P4", "P5", "P6"], await CptCalls.CodesAsync(c, null, ("kind", "=", "physical-status")));
        Assert.Equal(["1P", "2P", "3P", "8P", "TC", "XE", "XP", "XS", "XU"], await CptCalls.CodesAsync(c, null, ("kind", "in", "cat-2, hcpcs")));
        Assert.Equal(["62320-62327"], await CptCalls.CodesAsync(c, null, ("kind", "=", "metadata")));
        Assert.Equal(["90791", "99202", "99213", "99214"], await CptCalls.CodesAsync(c, null, ("telemedicine", "=", "true")));
        Assert.Equal(["87593", "90611"], await CptCalls.CodesAsync(c, null, ("orthopox", "=", "true")));
        Assert.Equal(Fragment.Codes.Length - 2, (await CptCalls.CodesAsync(c, null, ("orthopox", "=", "false"))).Count);
        Assert.Equal(["1125F", "1126F", "3008F"], await CptCalls.CodesAsync(c, null, ("code", "in", "0001F-9999F")));
        Assert.Equal(
            ["62284", "62290", "62291", "62302", "62303", "62304", "62305", "62320", "62321", "62322", "62323", "62325", "62327", "64479", "64480", "64483", "64484", "92920"],
            await CptCalls.CodesAsync(c, null, ("code", "in", "20100-69990, 92920, 92926-92928")));
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenFiltersCombined_WhenExpanded_ThenEveryFilterAndTheTextFilterMustHold()
    {
        fixture.SkipIfUnavailable();
        var c = fixture.Client;

        Assert.Equal(["90611"], await CptCalls.CodesAsync(c, null, ("orthopox", "=", "true"), ("code", "in", "90000-99999")));
        Assert.Equal(["90791", "99202"], await CptCalls.CodesAsync(c, null, ("telemedicine", "=", "true"), ("code", "not-in", "99210-99219")));
        Assert.Equal(["90611", "92920"], await CptCalls.CodesAsync(c, null, ("telemedicine", "=", "false"), ("kind", "=", "code"), ("code", "in", "90000-99999")));
        Assert.Equal(["73", "74"], await CptCalls.CodesAsync(c, null, ("modifier", "=", "true"), ("kind", "in", "cat-1")));
        Assert.Equal(["62321", "62323"], await CptCalls.CodesAsync(c, "fluoroscopy between", ("modified", "=", "false"), ("modifier", "=", "false"), ("code", "in", "62320-62327")));
        Assert.Equal(["95"], await CptCalls.CodesAsync(c, "video", ("modifier", "=", "true"), ("kind", "=", "general")));
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
        var baseCodes = Fragment.Codes.Except(AllModifiers).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(baseCodes, CptCalls.Codes(await CptCalls.ExpandAsync(c, CptCalls.Base)));
        Assert.Equal(AllModifiers, CptCalls.Codes(await CptCalls.ExpandAsync(c, CptCalls.Modifiers)));
        Assert.Equal(baseCodes, CptCalls.Codes(await CptCalls.ExpandAsync(c, CptCalls.Usable)));
        Assert.Equal(Fragment.Codes.Order(StringComparer.Ordinal), CptCalls.Codes(await CptCalls.ExpandAsync(c, CptCalls.All)));
        Assert.Equal(Fragment.Codes.Order(StringComparer.Ordinal), CptCalls.Codes(await CptCalls.ExpandAsync(c, CptCalls.Implicit)));
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

    /// <summary>The codes of the shipped fragment, read from the file the server loads.</summary>
    private static class Fragment
    {
        public static readonly string[] Codes = FhirJson.Deserialize<CodeSystem>(
                File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fhir-resources", "CodeSystem-cpt.json")))
            .Concept.Select(c => c.Code!).ToArray();
    }
}

public sealed class SqliteCptValueSetTests(SqliteFixture fixture) : CptValueSetTests<SqliteFixture>(fixture);

public sealed class PostgresCptValueSetTests(PostgresFixture fixture) : CptValueSetTests<PostgresFixture>(fixture);
