using Hl7.Fhir.Model;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Engine.Tests.ValueSets;

/// <summary>Small hand-made code systems and value sets for the value set engine tests.</summary>
internal static class Fixtures
{
    public const string Animals = "http://example.org/cs/animals";
    public const string Colours = "http://example.org/cs/colours";

    /// <summary>
    /// animal (abstract) > mammal > dog, cat, whale (retired); animal > bird > parrot, eagle; plant.
    /// Declares a property of every R4 type.
    /// </summary>
    public static CodeSystem AnimalsCodeSystem(string version = "1.0")
    {
        var cs = new CodeSystem
        {
            Url = Animals,
            Version = version,
            Name = "Animals",
            Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Complete,
            CaseSensitive = true,
            Language = "en",
            HierarchyMeaning = CodeSystem.CodeSystemHierarchyMeaning.IsA,
        };
        cs.Property.AddRange(
        [
            Prop("kind", CodeSystem.PropertyType.Code),
            Prop("related", CodeSystem.PropertyType.Coding),
            Prop("note", CodeSystem.PropertyType.String),
            Prop("domestic", CodeSystem.PropertyType.Boolean),
            Prop("legs", CodeSystem.PropertyType.Integer),
            Prop("weight", CodeSystem.PropertyType.Decimal),
            Prop("born", CodeSystem.PropertyType.DateTime),
            Prop("status", CodeSystem.PropertyType.Code),
            Prop("notSelectable", CodeSystem.PropertyType.Boolean),
        ]);

        var animal = C("animal", "Animal", ("notSelectable", new FhirBoolean(true)));
        var mammal = C("mammal", "Mammal", ("kind", new Code("class")));
        var dog = C("dog", "Dog",
            ("kind", new Code("pet")), ("legs", new Integer(4)), ("domestic", new FhirBoolean(true)), ("weight", new FhirDecimal(30.5m)),
            ("born", new FhirDateTime("2020-01-01")), ("note", new FhirString("good boy")), ("related", new Coding(Animals, "cat")));
        dog.Designation.Add(new CodeSystem.DesignationComponent { Language = "de", Value = "Hund" });
        var cat = C("cat", "Cat",
            ("kind", new Code("pet")), ("legs", new Integer(4)), ("domestic", new FhirBoolean(true)), ("weight", new FhirDecimal(4.2m)),
            ("note", new FhirString("independent")), ("related", new Coding(Animals, "dog")));
        var whale = C("whale", "Blue whale", ("legs", new Integer(0)), ("domestic", new FhirBoolean(false)), ("status", new Code("retired")));
        var bird = C("bird", "Bird", ("kind", new Code("class")));
        var parrot = C("parrot", "Parrot", ("kind", new Code("pet")), ("legs", new Integer(2)), ("domestic", new FhirBoolean(true)));
        var eagle = C("eagle", "Bald eagle", ("legs", new Integer(2)), ("domestic", new FhirBoolean(false)), ("related", new Coding(Animals, "parrot")));
        var plant = C("plant", "Plant");
        plant.Designation.Add(new CodeSystem.DesignationComponent { Language = "de", Value = "Pflanze" });

        mammal.Concept.AddRange([dog, cat, whale]);
        bird.Concept.AddRange([parrot, eagle]);
        animal.Concept.AddRange([mammal, bird]);
        cs.Concept.AddRange([animal, plant]);
        return cs;
    }

    /// <summary>A flat code system of colours, used for imports and text search.</summary>
    public static CodeSystem ColoursCodeSystem()
    {
        var cs = new CodeSystem
        {
            Url = Colours,
            Version = "2",
            Status = PublicationStatus.Active,
            Content = CodeSystemContentMode.Complete,
        };
        cs.Concept.AddRange(
        [
            C("red", "Red"),
            C("dark-red", "Dark red"),
            C("redwood", "Redwood brown"),
            C("green", "Green"),
            C("bright-red", "Bright and shiny red"),
            C("blue", "Blue"),
            C("RE", "Reddish tone"),
        ]);
        return cs;
    }

    public static CodeSystemRegistry Registry(params CodeSystem[] systems)
    {
        var registry = new CodeSystemRegistry();
        foreach (var cs in systems.Length == 0 ? [AnimalsCodeSystem(), ColoursCodeSystem()] : systems)
        {
            registry.Put($"{cs.Url}|{cs.Version}", FhirCodeSystemReader.ToIndex(cs));
        }

        return registry;
    }

    public static ValueSet ValueSet(string url, params ValueSet.ConceptSetComponent[] includes)
    {
        var vs = new ValueSet { Url = url, Version = "1", Status = PublicationStatus.Active, Compose = new ValueSet.ComposeComponent() };
        vs.Compose.Include.AddRange(includes);
        return vs;
    }

    public static ValueSet.ConceptSetComponent Include(string system, params string[] codes)
    {
        var include = new ValueSet.ConceptSetComponent { System = system };
        include.Concept.AddRange(codes.Select(c => new ValueSet.ConceptReferenceComponent { Code = c }));
        return include;
    }

    public static ValueSet.ConceptSetComponent Filter(string system, string property, string op, string value)
    {
        var include = new ValueSet.ConceptSetComponent { System = system };
        include.Filter.Add(FilterOf(property, op, value));
        return include;
    }

    /// <summary>A filter whose operator is set by literal, so that R5 operators can be written too.</summary>
    public static ValueSet.FilterComponent FilterOf(string property, string op, string value)
    {
        var filter = new ValueSet.FilterComponent { Property = property, Value = value };
        filter.OpElement = new Code<FilterOperator>();
        filter.OpElement.SetExtension(TerminologyExtensionUrls.FilterOp, new Code(op));
        return filter;
    }

    public static ValueSetRegistry VsRegistry(params ValueSet[] valueSets)
    {
        var registry = new ValueSetRegistry();
        foreach (var vs in valueSets)
        {
            registry.Put($"{vs.Url}|{vs.Version}", vs);
        }

        return registry;
    }

    public static IEnumerable<ValueSet.ContainsComponent> Flatten(IEnumerable<ValueSet.ContainsComponent> contains) =>
        contains.SelectMany(c => Flatten(c.Contains).Prepend(c));

    public static string[] Codes(ValueSet expanded) => Flatten(expanded.Expansion!.Contains).Select(c => c.Code!).ToArray();

    private static CodeSystem.PropertyComponent Prop(string code, CodeSystem.PropertyType type) =>
        new() { Code = code, Type = type, Uri = $"http://example.org/property#{code}" };

    private static CodeSystem.ConceptDefinitionComponent C(string code, string display, params (string Code, DataType Value)[] properties)
    {
        var c = new CodeSystem.ConceptDefinitionComponent { Code = code, Display = display, Definition = $"Definition of {display}" };
        c.Property.AddRange(properties.Select(p => new CodeSystem.ConceptPropertyComponent { Code = p.Code, Value = p.Value }));
        return c;
    }
}
