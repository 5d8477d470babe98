using System.Text.Json;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.CodeSystems.Computed;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.ValueSets;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.ValueSets;

/// <summary>
/// The direct <c>$expand</c> JSON writer (Firely shell + members written directly) gives exactly Firely's bytes for
/// the same expansion: flat and nested, paged, abstract and inactive members, versions shown, escaping.
/// </summary>
public sealed class ExpandJsonTests
{
    private const string Things = "http://example.org/cs/expand-things";
    private static readonly CodeSystemRegistry CodeSystems = Registry();
    private static readonly ValueSetRegistry ValueSets = new();
    private static readonly ValueSetExpander Expander = new(new ValueSetEngineOptions());

    private static CodeSystem Version(string version) => new()
    {
        Url = Things, Version = version, Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete,
        HierarchyMeaning = CodeSystem.CodeSystemHierarchyMeaning.IsA,
        Property =
        [
            new() { Code = "inactive", Type = CodeSystem.PropertyType.Boolean },
            new() { Code = "notSelectable", Type = CodeSystem.PropertyType.Boolean },
        ],
        Concept =
        [
            new()
            {
                Code = "group", Display = "Group \"quoted\" <b>&</b>\ttab é 😀",
                Property = [new() { Code = "notSelectable", Value = new FhirBoolean(true) }],
                Concept =
                [
                    new() { Code = "a", Display = "Alpha – ünïcode" },
                    new() { Code = "old", Display = "Old thing", Property = [new() { Code = "inactive", Value = new FhirBoolean(true) }] },
                    new() { Code = "b", Display = "Beta", Concept = [new() { Code = "b1", Display = "Beta one\nsecond line" }] },
                ],
            },
            new() { Code = "lone" },
        ],
    };

    private static CodeSystemRegistry Registry()
    {
        var registry = ComputedCodeSystems.Register(new CodeSystemRegistry());
        registry.Put("things-1", FhirCodeSystemReader.ToIndex(Version("1.0")));
        registry.Put("things-2", FhirCodeSystemReader.ToIndex(Version("2.0")));
        return registry;
    }

    private static ValueSet Inline(params ValueSet.ConceptSetComponent[] includes) => new()
    {
        Url = "http://example.org/vs/expand-things", Version = "3", Name = "ExpandThings", Title = "Title with \"quotes\"",
        Status = PublicationStatus.Active, Compose = new() { Include = [.. includes] },
    };

    public static TheoryData<string> Cases() => ["all", "nested", "paged", "filter", "two-versions", "enumerated", "is-a"];

    private static ExpansionRequest Request(string name) => name switch
    {
        "all" => new() { ValueSet = Inline(new ValueSet.ConceptSetComponent { System = Things, Version = "2.0" }), ExcludeNested = true },
        "nested" => new() { ValueSet = Inline(new ValueSet.ConceptSetComponent { System = Things, Version = "2.0" }) },
        "paged" => new() { ValueSet = Inline(new ValueSet.ConceptSetComponent { System = Things, Version = "2.0" }), Offset = 1, Count = 3 },
        "filter" => new() { ValueSet = Inline(new ValueSet.ConceptSetComponent { System = Things, Version = "2.0" }), Filter = "beta", Count = 20 },
        "two-versions" => new() { ValueSet = Inline(new ValueSet.ConceptSetComponent { System = Things, Version = "1.0" }, new ValueSet.ConceptSetComponent { System = Things, Version = "2.0", Concept = [new() { Code = "lone" }] }) },
        "enumerated" => new() { ValueSet = Inline(new ValueSet.ConceptSetComponent { System = Things, Version = "2.0", Concept = [new() { Code = "b1" }, new() { Code = "a", Display = "Alpha (value set's own display)" }] }) },
        _ => new() { ValueSet = Inline(new ValueSet.ConceptSetComponent { System = Things, Version = "2.0", Filter = [new() { Property = "concept", Op = FilterOperator.IsA, Value = "b" }] }) },
    };

    private static string Direct(ValueSet vs)
    {
        Assert.True(ExpandJson.CanWrite(vs), JsonSerializer.Serialize(vs, FhirJson.Strict));
        var shell = ExpandJson.Shell(vs, FhirJson.Strict);
        Assert.NotNull(shell);
        using var stream = new MemoryStream();
        stream.Write(shell.Value.Head.Span);
        using (var writer = new Utf8JsonWriter(stream, LookupJson.WriterOptions(FhirJson.Strict) with { SkipValidation = true }))
        {
            writer.WriteStartArray();
            foreach (var member in vs.Expansion.Contains)
            {
                ExpandJson.WriteMember(writer, member);
            }

            writer.WriteEndArray();
        }

        stream.Write(shell.Value.Tail.Span);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenExpansion_WhenWrittenDirectly_ThenBytesEqualFirely(string name)
    {
        var vs = Expander.Expand(Request(name), ValueSets, CodeSystems);
        var firely = JsonSerializer.Serialize(vs, FhirJson.Strict);

        var direct = Direct(vs);

        Assert.Equal(firely, direct);
        // The shell leaves the value set as it was.
        Assert.Equal(firely, JsonSerializer.Serialize(vs, FhirJson.Strict));
    }

    [Fact]
    public void GivenExpansionCoveringEveryWrittenElement_ThenAbstractInactiveVersionAndNestingAllOccur()
    {
        var nested = Direct(Expander.Expand(Request("nested"), ValueSets, CodeSystems));
        var versions = Direct(Expander.Expand(Request("two-versions"), ValueSets, CodeSystems));

        Assert.Contains("\"abstract\":true", nested);
        Assert.Contains("\"inactive\":true", nested);
        Assert.Contains("\"contains\":[{\"system\"", nested[(nested.IndexOf("\"contains\"", StringComparison.Ordinal) + 10)..]);
        Assert.Contains("\"version\":\"1.0\"", versions);
    }

    [Fact]
    public void GivenMembersWithDesignations_ThenTheDirectWriterDeclines()
    {
        var vs = Expander.Expand(Request("all") with { IncludeDesignations = true, DisplayLanguage = null }, ValueSets, CodeSystems);
        vs.Expansion.Contains[0].Designation.Add(new ValueSet.DesignationComponent { Value = "x" });

        Assert.False(ExpandJson.CanWrite(vs));
    }

    [Fact]
    public void GivenEmptyExpansion_ThenTheDirectWriterDeclines()
    {
        var vs = Expander.Expand(Request("filter") with { Filter = "no such words" }, ValueSets, CodeSystems);

        Assert.Empty(vs.Expansion.Contains);
        Assert.False(ExpandJson.CanWrite(vs));
    }
}
