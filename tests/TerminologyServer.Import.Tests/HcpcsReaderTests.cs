namespace TerminologyServer.Import.Tests;

public sealed class HcpcsIndex
{
    public Engine.CodeSystems.CodeSystemIndex Index { get; } = Hcpcs.Open(SharedData.Hcpcs2025).ToIndex();
}

public sealed class HcpcsReaderTests(HcpcsIndex fixture) : IClassFixture<HcpcsIndex>
{
    [Fact]
    public void GivenTheJanuary2025File_WhenRead_ThenCodesModifiersAndInactiveCountsEqualTheReadme()
    {
        var hcpcs = fixture.Index;
        Assert.Equal("2025-01", hcpcs.Version);
        Assert.Equal(8_259 + 383, hcpcs.Concepts.Length);
        Assert.Equal(383, hcpcs.Concepts.Count(c => c.PropertiesNamed("modifier").Single().IsTrue));
        Assert.Equal(1_145, hcpcs.Concepts.Count(c => c.IsInactive && c.Code.Length == 5));
        Assert.Equal(20, hcpcs.Concepts.Count(c => c.IsInactive && c.Code.Length == 2));

        var a0021 = hcpcs.Find("A0021")!;
        Assert.Equal("Ambulance service, outside state per mile, transport (medicaid only)", a0021.Display);
        Assert.Contains(a0021.Designations, d => d.Value == "Outside state ambulance serv");
        Assert.Equal("1996-09-10", a0021.PropertiesNamed("effectiveDate").Single().Value);
        Assert.Equal("N", a0021.PropertiesNamed("actionCode").Single().Value);

        Assert.Equal("Non-emergency transportation, per mile - vehicle provided by volunteer (individual or organization), with no vested interest", hcpcs.Find("A0080")!.Display);
        Assert.StartsWith("Audiology service furnished personally by an audiologist without a", hcpcs.Find("AB")!.Display);
        Assert.Contains("physician/npp order", hcpcs.Find("AB")!.Display);
    }

    [Fact]
    public void GivenATerminatedCode_WhenRead_ThenItIsRetiredWithItsTerminationDate()
    {
        var hcpcs = fixture.Index;
        var terminated = hcpcs.Concepts.First(c => c.IsInactive);
        Assert.Equal("retired", terminated.PropertiesNamed("status").Single().Value);
        Assert.True(string.CompareOrdinal(terminated.PropertiesNamed("terminationDate").Single().Value, "2025-01-01") < 0);
        Assert.All(hcpcs.Concepts.Where(c => !c.IsInactive), c => Assert.Equal("active", c.PropertiesNamed("status").Single().Value));
    }
}
