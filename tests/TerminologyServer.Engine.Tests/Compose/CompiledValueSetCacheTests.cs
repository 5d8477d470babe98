using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Validate;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Compose;

/// <summary>The compiled form of a stored value set is reused across validations until what it depends on changes.</summary>
public class CompiledValueSetCacheTests
{
    private const string PetsUrl = "http://example.org/vs/pets";
    private const string WrapperUrl = "http://example.org/vs/wrapper";

    private readonly ValueSetValidator _validator = new();

    private static ValidateCodeRequest Request(string code, string url = PetsUrl) => new() { Url = url, System = Animals, Code = code };

    [Fact]
    public void GivenAStoredValueSet_WhenValidatingTwice_ThenItIsCompiledOnceAndAnswersTheSame()
    {
        var codeSystems = Registry();
        var valueSets = VsRegistry(ValueSet(PetsUrl, Include(Animals, "dog", "cat")));

        var first = _validator.ValidateCode(Request("dog"), valueSets, codeSystems);
        var second = _validator.ValidateCode(Request("dog"), valueSets, codeSystems);
        var outside = _validator.ValidateCode(Request("eagle"), valueSets, codeSystems);

        Assert.True(first.Result);
        Assert.True(second.Result);
        Assert.Equal(first.Display, second.Display);
        Assert.False(outside.Result);
        Assert.Equal(1, _validator.CachedCompiles);
    }

    [Fact]
    public void GivenACachedValueSet_WhenItsCodeSystemGetsANewVersion_ThenTheNewVersionAnswers()
    {
        var codeSystems = Registry();
        var valueSets = VsRegistry(ValueSet(PetsUrl, Include(Animals, "dog", "hamster")));
        Assert.False(_validator.ValidateCode(Request("hamster"), valueSets, codeSystems).Result);

        var next = AnimalsCodeSystem("2.0");
        next.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "hamster", Display = "Hamster" });
        codeSystems.Put("animals-2", FhirCodeSystemReader.ToIndex(next));
        var result = _validator.ValidateCode(Request("hamster"), valueSets, codeSystems);

        Assert.True(result.Result);
        Assert.Equal("2.0", result.Version);
        Assert.Equal(2, _validator.CachedCompiles);
    }

    [Fact]
    public void GivenACachedValueSet_WhenItsCodeSystemIsRemovedAndAnUnrelatedOneAdded_ThenOnlyTheRemovalRecompiles()
    {
        var codeSystems = Registry();
        var valueSets = VsRegistry(ValueSet(PetsUrl, Include(Animals, "dog")));
        _validator.ValidateCode(Request("dog"), valueSets, codeSystems);

        codeSystems.Put("other", FhirCodeSystemReader.ToIndex(new CodeSystem { Url = "http://example.org/cs/other", Version = "1", Content = CodeSystemContentMode.Complete }));
        Assert.True(_validator.ValidateCode(Request("dog"), valueSets, codeSystems).Result);
        Assert.Equal(1, _validator.CachedCompiles);

        codeSystems.Remove($"{Animals}|1.0");
        var result = _validator.ValidateCode(Request("dog"), valueSets, codeSystems);

        Assert.False(result.Result);
        Assert.Contains(Animals, result.UnknownSystems.Concat(result.CausedByUnknownSystems));
        Assert.Equal(2, _validator.CachedCompiles);
    }

    [Fact]
    public void GivenACachedValueSetNamingAMissingCodeSystem_WhenTheCodeSystemArrives_ThenTheCodeValidates()
    {
        var codeSystems = Registry(ColoursCodeSystem());
        var valueSets = VsRegistry(ValueSet(PetsUrl, Include(Animals, "dog")));
        Assert.False(_validator.ValidateCode(Request("dog"), valueSets, codeSystems).Result);

        codeSystems.Put("animals", FhirCodeSystemReader.ToIndex(AnimalsCodeSystem()));

        Assert.True(_validator.ValidateCode(Request("dog"), valueSets, codeSystems).Result);
    }

    [Fact]
    public void GivenACachedValueSet_WhenTheValueSetIsReplaced_ThenTheNewDefinitionAnswers()
    {
        var codeSystems = Registry();
        var valueSets = VsRegistry(ValueSet(PetsUrl, Include(Animals, "dog")));
        Assert.False(_validator.ValidateCode(Request("cat"), valueSets, codeSystems).Result);

        valueSets.Put($"{PetsUrl}|1", ValueSet(PetsUrl, Include(Animals, "dog", "cat")));

        Assert.True(_validator.ValidateCode(Request("cat"), valueSets, codeSystems).Result);
    }

    [Fact]
    public void GivenACachedValueSetWithAnImport_WhenTheImportedValueSetChanges_ThenTheNewImportAnswers()
    {
        var codeSystems = Registry();
        var wrapper = ValueSet(WrapperUrl, new ValueSet.ConceptSetComponent { ValueSetElement = [new Hl7.Fhir.Model.Canonical(PetsUrl)] });
        var valueSets = VsRegistry(wrapper, ValueSet(PetsUrl, Include(Animals, "dog")));
        Assert.False(_validator.ValidateCode(Request("cat", WrapperUrl), valueSets, codeSystems).Result);

        valueSets.Put($"{PetsUrl}|1", ValueSet(PetsUrl, Include(Animals, "cat")));

        Assert.True(_validator.ValidateCode(Request("cat", WrapperUrl), valueSets, codeSystems).Result);
        Assert.Equal(2, _validator.CachedCompiles);
    }

    [Fact]
    public void GivenRequestLocalResourcesOrVersionParameters_WhenValidating_ThenNothingIsCached()
    {
        var codeSystems = Registry();
        var stored = ValueSet(PetsUrl, Include(Animals, "dog"));
        var valueSets = VsRegistry(stored);
        var layered = new LayeredCodeSystemProvider(codeSystems, [FhirCodeSystemReader.ToIndex(ColoursCodeSystem())]);

        Assert.True(_validator.ValidateCode(Request("dog"), valueSets, layered).Result);
        Assert.True(_validator.ValidateCode(Request("dog") with { Url = null, ValueSet = ValueSet(PetsUrl, Include(Animals, "dog")) }, valueSets, codeSystems).Result);
        Assert.True(_validator.ValidateCode(Request("dog") with { SystemVersions = [$"{Animals}|1.0"] }, valueSets, codeSystems).Result);

        Assert.Equal(0, _validator.CachedCompiles);
    }

    [Fact]
    public void GivenManyThreads_WhenValidatingAgainstOneCachedValueSet_ThenEveryAnswerIsRight()
    {
        var codeSystems = Registry();
        var valueSets = VsRegistry(ValueSet(PetsUrl, Include(Animals, "dog", "cat", "parrot")));
        var codes = new[] { "dog", "cat", "parrot", "eagle", "plant" };

        var results = Enumerable.Range(0, 400).AsParallel()
            .Select(i => (Code: codes[i % codes.Length], Valid: _validator.ValidateCode(Request(codes[i % codes.Length]), valueSets, codeSystems).Result))
            .ToList();

        Assert.All(results, r => Assert.Equal(r.Code is "dog" or "cat" or "parrot", r.Valid));
    }
}
