using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.ValueSets;
using static TerminologyServer.Engine.Tests.ValueSets.Fixtures;

namespace TerminologyServer.Engine.Tests.Expand;

public class ExpansionParameterTests
{
    private static readonly ValueSetExpander Expander = new();

    private static ValueSet AllAnimals => ValueSet("http://example.org/vs/animals", new ValueSet.ConceptSetComponent { System = Animals });
    private static ValueSet AllColours => ValueSet("http://example.org/vs/colours", new ValueSet.ConceptSetComponent { System = Colours });

    private static ValueSet Expand(ValueSet vs, ExpansionRequest request, ICodeSystemProvider? codeSystems = null, ValueSetExpander? expander = null) =>
        (expander ?? Expander).Expand(request with { ValueSet = vs }, VsRegistry(), codeSystems ?? Registry());

    private static string? Echo(ValueSet result, string name) =>
        result.Expansion!.Parameter.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    [Fact]
    public void GivenOffsetAndCount_WhenExpanding_ThenOnePageIsReturnedWithTheFullTotal()
    {
        var result = Expand(AllAnimals, new ExpansionRequest { Offset = 2, Count = 3 });

        Assert.Equal(9, result.Expansion!.Total);
        Assert.Equal(2, result.Expansion.Offset);
        Assert.Equal(["dog", "cat", "whale"], Codes(result));
        Assert.Equal("2", Echo(result, "offset"));
        Assert.Equal("3", Echo(result, "count"));
    }

    [Fact]
    public void GivenAnOffsetPastTheEnd_WhenExpanding_ThenTheTotalIsKeptAndNoCodesAreReturned()
    {
        var result = Expand(AllAnimals, new ExpansionRequest { Offset = 50, Count = 10 });
        Assert.Equal(9, result.Expansion!.Total);
        Assert.Empty(result.Expansion.Contains);
    }

    [Fact]
    public void GivenMorePagesThanOne_WhenReadingAllPages_ThenEveryCodeComesOnceInOrder()
    {
        var pages = Enumerable.Range(0, 4).SelectMany(p => Codes(Expand(AllAnimals, new ExpansionRequest { Offset = p * 3, Count = 3 })));
        Assert.Equal(Codes(Expand(AllAnimals, new ExpansionRequest { ExcludeNested = true })), pages);
    }

    [Fact]
    public void GivenATextFilter_WhenExpanding_ThenMatchesAreRankedBestFirst()
    {
        var result = Expand(AllColours, new ExpansionRequest { Filter = "red" });

        // exact code, code prefix, then display matches: "red" as a whole word before "Reddish" (a word prefix),
        // fewer other words first; "green" does not match. The site search ranks the same way (TextRank).
        Assert.Equal(["red", "redwood", "dark-red", "bright-red", "RE"], Codes(result));
        Assert.Equal("red", Echo(result, "filter"));
    }

    [Fact]
    public void GivenATextFilterOfSeveralWords_WhenExpanding_ThenEveryWordMustStartAWord()
    {
        Assert.Equal(["bright-red"], Codes(Expand(AllColours, new ExpansionRequest { Filter = "shi BRI" })));
        Assert.Empty(Codes(Expand(AllColours, new ExpansionRequest { Filter = "hiny" })));
    }

    [Fact]
    public void GivenATextFilterRepeatingOneWordManyTimes_WhenExpanding_ThenItMatchesAsTheWordOnce()
    {
        var repeated = string.Join(' ', Enumerable.Repeat("BRI shi", 50_000));

        Assert.Equal(["bright-red"], Codes(Expand(AllColours, new ExpansionRequest { Filter = repeated })));
    }

    [Fact]
    public void GivenATextFilter_WhenADesignationMatches_ThenTheConceptIsAMember()
    {
        Assert.Equal(["plant"], Codes(Expand(AllAnimals, new ExpansionRequest { Filter = "pflan" })));
    }

    [Fact]
    public void GivenATextFilterAndCount_WhenExpanding_ThenTheTotalCountsAllMatches()
    {
        var result = Expand(AllColours, new ExpansionRequest { Filter = "re", Count = 2 });
        Assert.Equal(5, result.Expansion!.Total);
        Assert.Equal(["RE", "red"], Codes(result));
    }

    [Fact]
    public void GivenMoreCodesThanTheLimitAndNoCount_WhenExpanding_ThenTooCostlyNamesTheLimitInTxWording()
    {
        var small = new ValueSetExpander(new ValueSetEngineOptions { MaxExpansionSize = 5 });

        var ex = Assert.Throws<TerminologyException>(() => Expand(AllAnimals, new ExpansionRequest { ExcludeNested = true }, expander: small));
        Assert.Equal(OperationOutcome.IssueType.TooCostly, ex.IssueType);
        // tx.fhir.org's wording (HL7's snomed-expand-too-big case matches it): the value set url and the limit.
        Assert.Equal("VALUESET_TOO_COSTLY", ex.MessageId);
        Assert.Matches(@"^The value set '[^']+' expansion has too many codes to produce \(>\d+\)$", ex.Message);
    }

    [Fact]
    public void GivenMoreCodesThanTheLimitWithCount_WhenExpanding_ThenThePageIsServed()
    {
        var small = new ValueSetExpander(new ValueSetEngineOptions { MaxExpansionSize = 5 });
        var result = Expand(AllAnimals, new ExpansionRequest { Count = 4, Offset = 4 }, expander: small);
        Assert.Equal(9, result.Expansion!.Total);
        Assert.Equal(4, result.Expansion.Contains.Count);
    }

    [Fact]
    public void GivenARequestThreshold_WhenExpanding_ThenItLowersTheLimit()
    {
        Assert.Throws<TerminologyException>(() => Expand(AllAnimals, new ExpansionRequest { TooCostlyThreshold = 3 }));
        Expand(AllAnimals, new ExpansionRequest { TooCostlyThreshold = 9 });
    }

    [Fact]
    public void GivenActiveOnly_WhenExpanding_ThenInactiveCodesAreLeftOutAndTheParameterIsEchoed()
    {
        var result = Expand(AllAnimals, new ExpansionRequest { ActiveOnly = true, ExcludeNested = true });
        Assert.DoesNotContain("whale", Codes(result));
        Assert.Equal(8, result.Expansion!.Total);
        Assert.Equal("true", Echo(result, "activeOnly"));
    }

    [Fact]
    public void GivenComposeInactiveFalse_WhenExpanding_ThenInactiveCodesAreLeftOut()
    {
        var vs = AllAnimals;
        vs.Compose!.Inactive = false;
        Assert.DoesNotContain("whale", Codes(Expand(vs, new ExpansionRequest())));
    }

    [Fact]
    public void GivenExcludeNotForUI_WhenExpandingAHierarchy_ThenAbstractCodesGoAndTheirChildrenMoveUp()
    {
        var result = Expand(AllAnimals, new ExpansionRequest { ExcludeNotForUI = true });
        Assert.Equal(["mammal", "bird", "plant"], result.Expansion!.Contains.Select(c => c.Code));
        Assert.Equal(8, result.Expansion.Total);
    }

    [Fact]
    public void GivenADisplayLanguage_WhenADesignationHasIt_ThenItIsTheDisplay()
    {
        var result = Expand(AllAnimals, new ExpansionRequest { DisplayLanguage = "de", ExcludeNested = true });
        var displays = result.Expansion!.Contains.ToDictionary(c => c.Code!, c => c.Display);
        Assert.Equal("Pflanze", displays["plant"]);
        Assert.Equal("Hund", displays["dog"]);
        Assert.Equal("Cat", displays["cat"]);
        Assert.Equal("de", Echo(result, "displayLanguage"));
    }

    [Fact]
    public void GivenAcceptLanguageWithWeights_WhenPickingTheDisplay_ThenTheHighestWeightWins()
    {
        var result = Expand(AllAnimals, new ExpansionRequest { DisplayLanguage = "fr;q=0.2, en;q=0.5, de;q=0.9", ExcludeNested = true });
        Assert.Equal("Hund", result.Expansion!.Contains.Single(c => c.Code == "dog").Display);
    }

    [Fact]
    public void GivenIncludeDesignations_WhenExpanding_ThenDesignationsAreReturned()
    {
        var result = Expand(AllAnimals, new ExpansionRequest { IncludeDesignations = true, ExcludeNested = true });
        var plant = result.Expansion!.Contains.Single(c => c.Code == "plant");
        Assert.Equal("Pflanze", Assert.Single(plant.Designation).Value);
        Assert.Empty(Expand(AllAnimals, new ExpansionRequest { ExcludeNested = true }).Expansion!.Contains.Single(c => c.Code == "plant").Designation);
    }

    [Fact]
    public void GivenADesignationParameter_WhenExpanding_ThenOnlyMatchingDesignationsAreReturned()
    {
        var include = Include(Animals, "dog");
        include.Concept[0].Designation.Add(new ValueSet.DesignationComponent { Language = "fr", Value = "Chien" });
        var result = Expand(ValueSet("http://example.org/vs/d", include), new ExpansionRequest { Designations = ["fr"] });
        Assert.Equal(["Chien"], result.Expansion!.Contains[0].Designation.Select(d => d.Value));
        Assert.Equal("fr", Echo(result, "designation"));
    }

    private static CodeSystem Bilingual()
    {
        var cs = new CodeSystem { Url = "http://example.org/cs/bi", Version = "1", Language = "en", Content = CodeSystemContentMode.Complete, Status = PublicationStatus.Active };
        var c = new CodeSystem.ConceptDefinitionComponent { Code = "a", Display = "Apple" };
        c.Designation.Add(new CodeSystem.DesignationComponent { Language = "de-CH", Value = "Apfel" });
        c.Designation.Add(new CodeSystem.DesignationComponent { Language = "es", Value = "Manzana" });
        cs.Concept.Add(c);
        cs.Concept.Add(new CodeSystem.ConceptDefinitionComponent { Code = "b", Display = "Banana" });
        return cs;
    }

    [Fact]
    public void GivenAPropertyDeclaredWithTheNotSelectableUri_WhenExpanding_ThenItsTrueValueMakesTheMemberAbstract()
    {
        var cs = new CodeSystem { Url = "http://example.org/cs/ns", Version = "1", Content = CodeSystemContentMode.Complete, Status = PublicationStatus.Active };
        cs.Property.Add(new CodeSystem.PropertyComponent { Code = "not-selectable", Uri = "http://hl7.org/fhir/concept-properties#notSelectable", Type = CodeSystem.PropertyType.Boolean });
        var grouper = new CodeSystem.ConceptDefinitionComponent { Code = "g", Display = "Group" };
        grouper.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = "not-selectable", Value = new FhirBoolean(true) });
        cs.Concept.Add(grouper);
        var vs = ValueSet("http://example.org/vs/ns", new ValueSet.ConceptSetComponent { System = cs.Url });

        var result = Expand(vs, new ExpansionRequest(), Registry(cs));

        Assert.True(result.Expansion!.Contains.Single().Abstract);
    }

    [Fact]
    public void GivenADisplayLanguage_WhenADesignationBecomesTheDisplay_ThenTheDefaultDisplayIsADesignationInstead()
    {
        var vs = ValueSet("http://example.org/vs/bi", new ValueSet.ConceptSetComponent { System = "http://example.org/cs/bi" });

        var result = Expand(vs, new ExpansionRequest { DisplayLanguage = "de", IncludeDesignations = true }, Registry(Bilingual()));

        var a = result.Expansion!.Contains.Single(c => c.Code == "a");
        Assert.Equal("Apfel", a.Display);
        Assert.Equal(["en:preferredForLanguage:Apple", "es::Manzana"], a.Designation.Select(d => $"{d.Language}:{d.Use?.Code}:{d.Value}"));
    }

    [Fact]
    public void GivenOnlyALanguageWithoutFallback_WhenAMemberHasNoDisplayInIt_ThenItHasNoDisplay()
    {
        var vs = ValueSet("http://example.org/vs/bi", new ValueSet.ConceptSetComponent { System = "http://example.org/cs/bi" });

        var result = Expand(vs, new ExpansionRequest { DisplayLanguage = "de, *; q=0" }, Registry(Bilingual()));

        Assert.Equal("Apfel", result.Expansion!.Contains.Single(c => c.Code == "a").Display);
        Assert.Null(result.Expansion.Contains.Single(c => c.Code == "b").Display);
    }

    [Fact]
    public void GivenADesignationParameterAsABcp47Coding_WhenExpanding_ThenOnlyThatExactLanguageIsShown()
    {
        var vs = ValueSet("http://example.org/vs/bi", new ValueSet.ConceptSetComponent { System = "http://example.org/cs/bi" });

        var result = Expand(vs, new ExpansionRequest { Designations = ["urn:ietf:bcp:47|es", "urn:ietf:bcp:47|de"] }, Registry(Bilingual()));

        Assert.Equal(["Manzana"], result.Expansion!.Contains.Single(c => c.Code == "a").Designation.Select(d => d.Value));
    }

    [Fact]
    public void GivenIncludeDefinition_WhenExpanding_ThenItIsEchoedButAddsNoExtension()
    {
        var result = Expand(ValueSet("http://example.org/vs/d", Include(Animals, "dog")), new ExpansionRequest { IncludeDefinition = true });
        Assert.Null(result.Expansion!.Contains[0].GetExtension(TerminologyExtensionUrls.ConceptDefinition));
    }

    [Fact]
    public void GivenTheDefinitionProperty_WhenExpanding_ThenItIsAPropertyDeclaredWithTheStandardUri()
    {
        var result = Expand(ValueSet("http://example.org/vs/d", Include(Animals, "dog")), new ExpansionRequest { Properties = ["definition"] });

        var property = Assert.Single(result.Expansion!.Contains[0].GetExtensions(TerminologyExtensionUrls.ContainsProperty));
        Assert.Equal("Definition of Dog", property.GetExtensionValue<FhirString>("value")?.Value);
        var declared = Assert.Single(result.Expansion.GetExtensions(TerminologyExtensionUrls.ExpansionProperty));
        Assert.Equal("http://hl7.org/fhir/concept-properties#definition", declared.GetExtensionValue<FhirUri>("uri")?.Value);
    }

    [Fact]
    public void GivenRequestedProperties_WhenExpanding_ThenTheyAreReturnedAsR5Extensions()
    {
        var result = Expand(ValueSet("http://example.org/vs/d", Include(Animals, "dog", "plant")), new ExpansionRequest { Properties = ["legs", "kind"] });

        var dog = result.Expansion!.Contains[0];
        var properties = dog.GetExtensions(TerminologyExtensionUrls.ContainsProperty)
            .Select(e => $"{e.GetExtensionValue<Code>("code")?.Value}={e.GetExtension("value")?.Value}")
            .ToList();
        Assert.Equal(["legs=4", "kind=pet"], properties);
        Assert.Empty(result.Expansion.Contains[1].GetExtensions(TerminologyExtensionUrls.ContainsProperty));
        var declared = result.Expansion.GetExtensions(TerminologyExtensionUrls.ExpansionProperty)
            .Select(e => e.GetExtensionValue<FhirUri>("uri")?.Value);
        Assert.Equal(["http://example.org/property#legs", "http://example.org/property#kind"], declared);
    }

    [Fact]
    public void GivenSeveralVersionsOfACodeSystem_WhenSystemVersionIsGiven_ThenItIsTheDefault()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var vs = ValueSet("http://example.org/vs/v", Include(Animals, "dog"));

        Assert.Equal($"{Animals}|2.0", Echo(Expand(vs, new ExpansionRequest(), registry), "used-codesystem"));
        var pinned = Expand(vs, new ExpansionRequest { SystemVersions = [$"{Animals}|1.0"] }, registry);
        Assert.Equal($"{Animals}|1.0", Echo(pinned, "used-codesystem"));
        Assert.Equal($"{Animals}|1.0", Echo(pinned, "system-version"));
    }

    [Fact]
    public void GivenARetiredConcept_WhenExpandingWithoutProperties_ThenItsStatusIsReturnedUnasked()
    {
        var result = Expand(ValueSet("http://example.org/vs/w", Include(Animals, "whale", "dog")), new ExpansionRequest());

        var whale = result.Expansion!.Contains.Single(c => c.Code == "whale");
        var status = Assert.Single(whale.GetExtensions(TerminologyExtensionUrls.ContainsProperty));
        Assert.Equal("retired", status.GetExtensionValue<Code>("value")?.Value);
        Assert.Empty(result.Expansion.Contains.Single(c => c.Code == "dog").GetExtensions(TerminologyExtensionUrls.ContainsProperty));
    }

    [Fact]
    public void GivenIncludesOfTwoVersions_WhenAForcedVersionServesBoth_ThenMembersStillNameTheirVersion()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var first = Include(Animals, "dog");
        first.Version = "1.0";
        var second = Include(Animals, "cat");
        second.Version = "2.0";

        var result = Expand(ValueSet("http://example.org/vs/mixed", first, second), new ExpansionRequest { ForceSystemVersions = [$"{Animals}|1.0"] }, registry);

        Assert.All(result.Expansion!.Contains, c => Assert.Equal("1.0", c.Version));
    }

    [Fact]
    public void GivenAnIncludeThatNamesItsVersion_WhenSystemVersionIsGiven_ThenItIsNeitherUsedNorEchoed()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var include = Include(Animals, "dog");
        include.Version = "2.0";

        var result = Expand(ValueSet("http://example.org/vs/v", include), new ExpansionRequest { SystemVersions = [$"{Animals}|1.0"] }, registry);

        Assert.Equal($"{Animals}|2.0", Echo(result, "used-codesystem"));
        Assert.Null(Echo(result, "system-version"));
    }

    [Fact]
    public void GivenForceSystemVersion_WhenTheValueSetNamesAnotherVersion_ThenTheForcedOneIsUsed()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var include = Include(Animals, "dog");
        include.Version = "2.0";
        var vs = ValueSet("http://example.org/vs/v", include);

        Assert.Equal($"{Animals}|2.0", Echo(Expand(vs, new ExpansionRequest { SystemVersions = [$"{Animals}|1.0"] }, registry), "used-codesystem"));
        Assert.Equal($"{Animals}|1.0", Echo(Expand(vs, new ExpansionRequest { ForceSystemVersions = [$"{Animals}|1.x"] }, registry), "used-codesystem"));
    }

    [Fact]
    public void GivenCheckSystemVersion_WhenTheValueSetPinsAnotherVersion_ThenAVersionError()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var include = Include(Animals, "dog");
        include.Version = "2.0";
        var vs = ValueSet("http://example.org/vs/v", include);

        var ex = Assert.Throws<TerminologyException>(() => Expand(vs, new ExpansionRequest { CheckSystemVersions = [$"{Animals}|1.x"] }, registry));
        Assert.Equal("version-error", ex.TxIssueType);
        Expand(vs, new ExpansionRequest { CheckSystemVersions = [$"{Animals}|2.x"] }, registry);
    }

    [Fact]
    public void GivenCheckSystemVersion_WhenNothingPinsAVersion_ThenAMatchingVersionIsChosen()
    {
        var registry = Registry(AnimalsCodeSystem("1.0"), AnimalsCodeSystem("2.0"));
        var vs = ValueSet("http://example.org/vs/v", Include(Animals, "dog"));

        var result = Expand(vs, new ExpansionRequest { CheckSystemVersions = [$"{Animals}|1.x"] }, registry);
        Assert.Equal($"{Animals}|1.0", Echo(result, "used-codesystem"));
    }

    [Fact]
    public void GivenAnIncludeOfAnUnknownVersion_WhenExpanding_ThenNotFoundListsTheKnownVersions()
    {
        var include = Include(Animals, "dog");
        include.Version = "9";
        var ex = Assert.Throws<TerminologyException>(() => Expand(ValueSet("http://example.org/vs/v", include), new ExpansionRequest()));
        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
        Assert.Contains("Valid versions: 1.0", ex.Message);
    }

    [Fact]
    public void GivenASupplement_WhenUsed_ThenItsDesignationsAndPropertiesAreAddedAndEchoed()
    {
        var supplement = new CodeSystem
        {
            Url = "http://example.org/cs/animals-fr",
            Version = "1",
            Content = CodeSystemContentMode.Supplement,
            Supplements = Animals,
            Status = PublicationStatus.Active,
        };
        supplement.Property.Add(new CodeSystem.PropertyComponent { Code = "sound", Type = CodeSystem.PropertyType.String });
        var dog = new CodeSystem.ConceptDefinitionComponent { Code = "dog" };
        dog.Designation.Add(new CodeSystem.DesignationComponent { Language = "fr", Value = "Chien" });
        dog.Property.Add(new CodeSystem.ConceptPropertyComponent { Code = "sound", Value = new FhirString("woof") });
        supplement.Concept.Add(dog);
        var registry = Registry(AnimalsCodeSystem(), supplement);
        var vs = ValueSet("http://example.org/vs/d", Include(Animals, "dog"));

        var result = Expand(vs, new ExpansionRequest { UseSupplements = [supplement.Url], DisplayLanguage = "fr", Properties = ["sound"] }, registry);

        Assert.Equal("Chien", result.Expansion!.Contains[0].Display);
        Assert.Equal("http://example.org/cs/animals-fr|1", Echo(result, "used-supplement"));
        Assert.Single(result.Expansion.Contains[0].GetExtensions(TerminologyExtensionUrls.ContainsProperty));
        var ex = Assert.Throws<TerminologyException>(() => Expand(vs, new ExpansionRequest { UseSupplements = ["http://example.org/cs/none"] }, registry));
        Assert.Equal(OperationOutcome.IssueType.NotFound, ex.IssueType);
    }

    [Fact]
    public void GivenNegativePaging_WhenExpanding_ThenInvalid()
    {
        var ex = Assert.Throws<TerminologyException>(() => Expand(AllAnimals, new ExpansionRequest { Count = -1 }));
        Assert.Equal(OperationOutcome.IssueType.Invalid, ex.IssueType);
    }
}
