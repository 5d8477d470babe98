using TerminologyServer.Engine.CodeSystems;

namespace TerminologyServer.Import.Tests;

public sealed class NdcIndex
{
    public static string Folder => SharedData.Path("tx-source/ndc/2025-07-11");

    public CodeSystemIndex Index { get; } = Ndc.Ndc.Open(Folder).ToIndex();
}

public sealed class NdcReaderTests(NdcIndex fixture) : IClassFixture<NdcIndex>
{
    private CodeSystemIndex N => fixture.Index;

    [Fact]
    public void GivenTheDirectoryFiles_WhenRead_ThenProductsAndPackagesEqualTheFilesAndTheDateIsTheVersion()
    {
        Assert.Equal("20250711", N.Version);
        Assert.Equal(72, N.Concepts.Count(c => c.PropertiesNamed("type").Single().Value == "product"));
        Assert.Equal(100, N.Concepts.Count(c => c.PropertiesNamed("type").Single().Value == "package"));
        Assert.Equal(37, N.Concepts.Count(c => c.IsInactive && c.Code.Length == 9));
        Assert.Equal(48, N.Concepts.Count(c => c.IsInactive && c.Code.Length == 12));
    }

    [Fact]
    public void GivenAPackage_WhenRead_ThenDisplayIsThePackageDescriptionWithTheProductsFdaColumns()
    {
        var p = N.Find("0002-0213-01")!;
        Assert.Equal("1 VIAL, MULTI-DOSE in 1 CARTON (0002-0213-01)  / 3 mL in 1 VIAL, MULTI-DOSE", p.Display);
        Assert.Equal("00002021301", p.PropertiesNamed("code11").Single().Value);
        Assert.Equal(("0002-0213", "Humulin R"), (p.PropertiesNamed("product").Single().Value, p.PropertiesNamed("product").Single().Display));
        Assert.Equal("Eli Lilly and Company", p.PropertiesNamed("labeler").Single().Value);
        Assert.Equal("PARENTERAL", p.PropertiesNamed("route").Single().Value);
        Assert.Equal("INJECTION, SOLUTION", p.PropertiesNamed("dosageForm").Single().Value);
        Assert.Equal("BLA", p.PropertiesNamed("marketingCategory").Single().Value);
        Assert.False(p.IsInactive);
        Assert.Equal("Humulin R", N.Find("0002-0213")!.Display);
        Assert.Equal(["Insulin [CS]", "Insulin [EPC]"], N.Find("0002-0213")!.PropertiesNamed("pharmClass").Select(x => x.Value));
    }

    [Theory]
    [InlineData("1234-5678-90", "01234567890")]
    [InlineData("12345-678-90", "12345067890")]
    [InlineData("12345-6789-0", "12345678900")]
    [InlineData("12345-67-890", null)]
    [InlineData("1234567890", null)]
    public void GivenA10DigitCode_WhenNormalised_ThenItIsThe542Form(string code, string? expected) =>
        Assert.Equal(expected, Ndc.Ndc.ToElevenDigits(code));

    [Fact]
    public void GivenAnElevenDigitCode_WhenFound_ThenTheBehaviourResolvesItToThePackage()
    {
        Assert.Equal("0002-0213-01", N.Find("00002021301")!.Code);
        Assert.Equal("0002-0213-01", N.Find("00002-0213-01")!.Code);
        Assert.Null(N.Find("0000-2021-301"));
        Assert.Null(N.Find("99999999999"));
    }
}
