using Hl7.Fhir.Model;
using TerminologyServer.Engine;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;

namespace TerminologyServer.Engine.Tests.Lookup;

public sealed class LookupServiceTests
{
    private const string Url = "http://example.org/anatomy";

    /// <summary>spine → cervical, thoracic, lumbar; "cervicothoracic" has two parents.</summary>
    internal static CodeSystem Anatomy(string version = "1") => new()
    {
        Url = Url,
        Version = version,
        Name = "Anatomy",
        Title = "Test anatomy",
        Status = PublicationStatus.Active,
        Content = CodeSystemContentMode.Complete,
        Property =
        [
            new() { Code = "region", Type = CodeSystem.PropertyType.Code, Description = "Body region" },
            new() { Code = "status", Type = CodeSystem.PropertyType.Code },
            new() { Code = "parent", Type = CodeSystem.PropertyType.Code },
        ],
        Concept =
        [
            new()
            {
                Code = "spine", Display = "Spine", Definition = "The vertebral column",
                Designation = [new() { Language = "de", Use = new Coding("http://snomed.info/sct", "900000000000013009", "Synonym"), Value = "Wirbelsäule" }],
                Concept =
                [
                    new() { Code = "cervical", Display = "Cervical spine", Property = [new() { Code = "region", Value = new Code("neck") }] },
                    new() { Code = "thoracic", Display = "Thoracic spine" },
                    new() { Code = "lumbar", Display = "Lumbar spine", Property = [new() { Code = "status", Value = new Code("retired") }] },
                ],
            },
            new() { Code = "cervicothoracic", Display = "Cervicothoracic junction", Property = [new() { Code = "parent", Value = new Code("cervical") }, new() { Code = "parent", Value = new Code("thoracic") }] },
        ],
    };

    private static CodeSystemRegistry Registry(params CodeSystem[] systems)
    {
        var registry = new CodeSystemRegistry();
        foreach (var (cs, i) in systems.Select((cs, i) => (cs, i)))
        {
            registry.Put($"cs{i}", FhirCodeSystemReader.ToIndex(cs));
        }

        return registry;
    }

    private static LookupResult Lookup(ICodeSystemProvider provider, string code, params string[] properties) =>
        new LookupService().Lookup(provider, new LookupRequest { System = Url, Code = code, Properties = properties });

    private static List<string> Values(LookupResult r, string code) => r.Properties.Where(p => p.Code == code).Select(p => p.Value.Value).ToList();

    [Fact]
    public void GivenNestedConcept_WhenLookedUp_ThenParentAndChildrenComeFromTheHierarchy()
    {
        var registry = Registry(Anatomy());

        var spine = Lookup(registry, "spine");
        var cervical = Lookup(registry, "cervical");

        Assert.Equal(["cervical", "thoracic", "lumbar"], Values(spine, "child"));
        Assert.Empty(Values(spine, "parent"));
        Assert.Equal(["spine"], Values(cervical, "parent"));
        Assert.Equal(["cervicothoracic"], Values(cervical, "child"));
        Assert.Equal("Spine", cervical.Properties.Single(p => p.Code == "parent").Description);
    }

    [Fact]
    public void GivenConceptWithTwoParents_WhenLookedUp_ThenBothAreReturned()
    {
        var result = Lookup(Registry(Anatomy()), "cervicothoracic");
        Assert.Equal(["cervical", "thoracic"], Values(result, "parent").Order());
    }

    [Fact]
    public void GivenConcept_WhenLookedUp_ThenNameVersionDisplayDefinitionDesignationsAndPropertiesAreReturned()
    {
        var result = Lookup(Registry(Anatomy()), "spine");

        Assert.Equal("Test anatomy", result.Name);
        Assert.Equal("1", result.Version);
        Assert.Equal("Spine", result.Display);
        Assert.Equal("The vertebral column", result.Definition);
        var d = Assert.Single(result.Designations);
        Assert.Equal(("de", "900000000000013009", "Wirbelsäule"), (d.Language, d.Use?.Code, d.Value));
        Assert.Equal(["false"], Values(result, "inactive"));
    }

    [Fact]
    public void GivenRetiredConcept_WhenLookedUp_ThenItIsInactive()
    {
        var result = Lookup(Registry(Anatomy()), "lumbar");
        Assert.Equal(["true"], Values(result, "inactive"));
        Assert.Equal(["retired"], Values(result, "status"));
    }

    [Fact]
    public void GivenPropertyFilter_WhenLookedUp_ThenOnlyThoseAreReturnedWithDescriptions()
    {
        var result = Lookup(Registry(Anatomy()), "cervical", "region");
        var p = Assert.Single(result.Properties);
        Assert.Equal(("region", "neck", "Body region"), (p.Code, p.Value.Value, p.Description));
    }

    [Fact]
    public void GivenDisplayLanguage_WhenADesignationMatches_ThenItIsTheDisplay()
    {
        var result = new LookupService().Lookup(Registry(Anatomy()), new LookupRequest { System = Url, Code = "spine", DisplayLanguage = "de-CH,de;q=0.9" });
        Assert.Equal("Wirbelsäule", result.Display);
    }

    [Theory]
    [InlineData("nope", null, "UNKNOWN_CODE")]
    [InlineData("spine", "9", "UNKNOWN_CODESYSTEM_VERSION")]
    public void GivenUnknownCodeOrVersion_WhenLookedUp_ThenNotFoundNamesIt(string code, string? version, string messageId)
    {
        var e = Assert.Throws<TerminologyException>(() =>
            new LookupService().Lookup(Registry(Anatomy()), new LookupRequest { System = Url, Code = code, Version = version }));
        Assert.Equal(OperationOutcome.IssueType.NotFound, e.IssueType);
        Assert.Equal(messageId, e.MessageId);
        Assert.Contains(version ?? code, e.Message);
    }

    [Fact]
    public void GivenUnknownSystem_WhenLookedUp_ThenNotFoundNamesSystemAndCode()
    {
        var e = Assert.Throws<TerminologyException>(() =>
            new LookupService().Lookup(Registry(), new LookupRequest { System = "http://x.org/none", Code = "a" }));
        Assert.Contains("http://x.org/none", e.Message);
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void GivenTwoVersions_WhenLookedUpWithAndWithoutVersion_ThenTheNamedOrLatestAnswers()
    {
        var v2 = Anatomy("2");
        v2.Concept[0].Display = "Spine (v2)";
        var registry = Registry(Anatomy("1"), v2);

        Assert.Equal("Spine (v2)", new LookupService().Lookup(registry, new LookupRequest { System = Url, Code = "spine" }).Display);
        Assert.Equal("Spine", new LookupService().Lookup(registry, new LookupRequest { System = Url, Code = "spine", Version = "1" }).Display);
    }

    [Fact]
    public void GivenRequestLocalCodeSystem_WhenLayeredOverRegistry_ThenItWinsWithoutTouchingTheRegistry()
    {
        var registry = Registry(Anatomy());
        var local = Anatomy();
        local.Concept[0].Display = "Local spine";
        var layered = new LayeredCodeSystemProvider(registry, [FhirCodeSystemReader.ToIndex(local)]);

        Assert.Equal("Local spine", Lookup(layered, "spine").Display);
        Assert.Equal("Spine", Lookup(registry, "spine").Display);
    }

    [Fact]
    public void GivenSupplementNamedInRequest_WhenLookedUp_ThenItsPropertiesAndDesignationsAreAdded()
    {
        var supplement = new CodeSystem
        {
            Url = "http://example.org/anatomy-extra", Version = "1", Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Supplement, Supplements = Url,
            Property = [new() { Code = "summary", Type = CodeSystem.PropertyType.String, Description = "Plain summary" }],
            Concept = [new() { Code = "spine", Designation = [new() { Language = "fr", Value = "Colonne" }], Property = [new() { Code = "summary", Value = new FhirString("Backbone") }] }],
        };
        var registry = Registry(Anatomy(), supplement);

        var plain = Lookup(registry, "spine");
        var supplemented = new LookupService().Lookup(registry, new LookupRequest { System = Url, Code = "spine", UseSupplements = ["http://example.org/anatomy-extra"] });
        var byDefault = new LookupService { AppliesByDefault = s => s.Url == "http://example.org/anatomy-extra" }.Lookup(registry, new LookupRequest { System = Url, Code = "spine" });

        Assert.Empty(Values(plain, "summary"));
        Assert.Equal(["Backbone"], Values(supplemented, "summary"));
        Assert.Contains(supplemented.Designations, d => d.Value == "Colonne");
        Assert.Equal(["Backbone"], Values(byDefault, "summary"));
    }
}
