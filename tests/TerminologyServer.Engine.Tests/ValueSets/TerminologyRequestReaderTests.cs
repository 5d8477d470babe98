using Hl7.Fhir.Model;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Tests.ValueSets;

public class TerminologyRequestReaderTests
{
    [Fact]
    public void GivenTypedParameters_WhenReadingAnExpansion_ThenEveryValueArrives()
    {
        var p = new Parameters();
        p.Add("url", new FhirUri("http://example.org/vs|2"));
        p.Add("count", new Integer(20));
        p.Add("activeOnly", new FhirBoolean(true));
        p.Add("property", new Code("kind"));
        p.Add("property", new Code("legs"));
        p.Add("force-system-version", new Hl7.Fhir.Model.Canonical("http://example.org/cs|1.x"));
        p.Parameter.Add(new Parameters.ParameterComponent { Name = "tx-resource", Resource = new CodeSystem { Url = "http://example.org/cs" } });

        var request = TerminologyRequestReader.ReadExpansion(p);

        Assert.Equal("http://example.org/vs|2", request.Url);
        Assert.Equal(20, request.Count);
        Assert.True(request.ActiveOnly);
        Assert.Equal(["kind", "legs"], request.Properties);
        Assert.Equal(["http://example.org/cs|1.x"], request.ForceSystemVersions);
        Assert.Single(TerminologyRequestReader.ReadTxResources(p).CodeSystems);
    }

    [Fact]
    public void GivenQueryStringValues_WhenReadingAnExpansion_ThenTheyBindLikeTypedOnes()
    {
        var p = new Parameters();
        p.Add("count", new FhirString("5"));
        p.Add("excludeNested", new FhirString("false"));

        var request = TerminologyRequestReader.ReadExpansion(p);

        Assert.Equal(5, request.Count);
        Assert.False(request.ExcludeNested);
    }

    [Theory]
    [InlineData("count", "many")]
    [InlineData("activeOnly", "yes")]
    public void GivenAMalformedValue_WhenReading_ThenInvalid(string name, string value)
    {
        var p = new Parameters();
        p.Add(name, new FhirString(value));

        var ex = Assert.Throws<TerminologyException>(() => TerminologyRequestReader.ReadExpansion(p));
        Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
    }

    [Fact]
    public void GivenTheCodeSystemOperation_WhenReadingValidateCode_ThenVersionIsTheCodesVersion()
    {
        var p = new Parameters();
        p.Add("url", new FhirUri("http://example.org/cs"));
        p.Add("code", new Code("a"));
        p.Add("version", new FhirString("2"));
        p.Add("coding", new Coding("http://example.org/cs", "b"));

        var request = TerminologyRequestReader.ReadValidateCode(p, onCodeSystem: true);

        Assert.Equal("2", request.SystemVersion);
        Assert.Equal("a", request.Code);
        Assert.Equal("b", request.Coding!.Code);
    }

    [Fact]
    public void GivenCodings_WhenReadingSubsumes_ThenBothArrive()
    {
        var p = new Parameters();
        p.Add("codingA", new Coding("http://example.org/cs", "a"));
        p.Add("codeB", new Code("b"));

        var request = TerminologyRequestReader.ReadSubsumes(p);

        Assert.Equal("a", request.CodingA!.Code);
        Assert.Equal("b", request.CodeB);
    }
}
