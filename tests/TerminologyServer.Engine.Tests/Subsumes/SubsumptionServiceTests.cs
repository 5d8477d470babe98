using Hl7.Fhir.Model;
using TerminologyServer.Engine.Subsumes;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Subsumes;

public class SubsumptionServiceTests
{
    private static readonly SubsumptionService Service = new();

    [Theory]
    [InlineData("dog", "dog", SubsumptionOutcome.Equivalent)]
    [InlineData("animal", "dog", SubsumptionOutcome.Subsumes)]
    [InlineData("dog", "mammal", SubsumptionOutcome.SubsumedBy)]
    [InlineData("dog", "cat", SubsumptionOutcome.NotSubsumed)]
    [InlineData("plant", "dog", SubsumptionOutcome.NotSubsumed)]
    public void GivenTwoCodes_WhenTestingSubsumption_ThenTheHierarchyDecides(string a, string b, SubsumptionOutcome expected)
    {
        Assert.Equal(expected, Service.Subsumes(new SubsumesRequest { System = Animals, CodeA = a, CodeB = b }, Registry()));
    }

    [Fact]
    public void GivenCodings_WhenTestingSubsumption_ThenTheSystemComesFromThem()
    {
        var outcome = Service.Subsumes(new SubsumesRequest { CodingA = new Coding(Animals, "bird"), CodingB = new Coding(Animals, "eagle") }, Registry());
        Assert.Equal(SubsumptionOutcome.Subsumes, outcome);
        Assert.Equal("subsumes", SubsumptionService.ToParameters(outcome).Parameter.Single().Value!.ToString());
    }

    [Fact]
    public void GivenAFlatCodeSystem_WhenTestingSubsumption_ThenOnlyTheSameCodeIsEquivalent()
    {
        Assert.Equal(SubsumptionOutcome.Equivalent, Service.Subsumes(new SubsumesRequest { System = Colours, CodeA = "red", CodeB = "red" }, Registry()));
        Assert.Equal(SubsumptionOutcome.NotSubsumed, Service.Subsumes(new SubsumesRequest { System = Colours, CodeA = "red", CodeB = "blue" }, Registry()));
    }

    [Fact]
    public void GivenAnUnknownCode_WhenTestingSubsumption_ThenNotFound()
    {
        var ex = Assert.Throws<TerminologyException>(() => Service.Subsumes(new SubsumesRequest { System = Animals, CodeA = "dog", CodeB = "unicorn" }, Registry()));
        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
        Assert.Contains("unicorn", ex.Message);
    }

    [Fact]
    public void GivenAnUnknownSystem_WhenTestingSubsumption_ThenNotFound()
    {
        var ex = Assert.Throws<TerminologyException>(() => Service.Subsumes(new SubsumesRequest { System = "http://example.org/cs/nope", CodeA = "a", CodeB = "b" }, Registry()));
        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
    }

    [Fact]
    public void GivenCodingsFromDifferentSystems_WhenTestingSubsumption_ThenInvalid()
    {
        var ex = Assert.Throws<TerminologyException>(() => Service.Subsumes(new SubsumesRequest { CodingA = new Coding(Animals, "dog"), CodingB = new Coding(Colours, "red") }, Registry()));
        Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
    }
}
