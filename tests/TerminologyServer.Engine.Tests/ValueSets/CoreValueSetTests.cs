using System.IO.Compression;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.Validate;
using TerminologyServer.Engine.ValueSets;
using Xunit.Abstractions;

namespace TerminologyServer.Engine.Tests.ValueSets;

/// <summary>The 1316 value sets of the FHIR R4 specification, over its own code systems, loaded once.</summary>
public sealed class CoreTerminologyFixture
{
    public CoreTerminologyFixture()
    {
        // The official bundles fail strict parsing (see PLATFORM.md), so they are read in recoverable mode.
        var xml = new FhirXmlDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));
        using var zip = ZipFile.OpenRead(Path.Combine(AppContext.BaseDirectory, "specification.zip"));
        foreach (var name in new[] { "valuesets.xml", "v3-codesystems.xml", "v2-tables.xml" })
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            var bundle = (Bundle)xml.DeserializeResource(reader.ReadToEnd());
            foreach (var resource in bundle.Entry.Select(e => e.Resource))
            {
                if (resource is CodeSystem { Url: not null } cs && cs.Concept.All(HasCodes))
                {
                    CodeSystems.Put($"{name}/{cs.Url}|{cs.Version}", FhirCodeSystemReader.ToIndex(cs));
                }
                else if (resource is ValueSet { Url: not null } vs)
                {
                    ValueSets.Put($"{vs.Url}|{vs.Version}", vs);
                    All.Add(vs);
                }
            }
        }
    }

    public CodeSystemRegistry CodeSystems { get; } = new();
    public ValueSetRegistry ValueSets { get; } = new();
    public List<ValueSet> All { get; } = [];

    // One v2 table has a concept without a code, which the reader refuses; the importer's business, not ours.
    private static bool HasCodes(CodeSystem.ConceptDefinitionComponent c) => !string.IsNullOrEmpty(c.Code) && c.Concept.All(HasCodes);
}

public class CoreValueSetTests(CoreTerminologyFixture core, ITestOutputHelper output) : IClassFixture<CoreTerminologyFixture>
{
    [Fact]
    public void GivenEveryR4CoreValueSet_WhenExpanding_ThenEachExpandsOrIsRefusedWithAReason()
    {
        var expander = new ValueSetExpander();
        var validator = new ValueSetValidator();
        int expanded = 0;
        var refused = new List<string>();
        var unexpected = new List<string>();
        var mismatches = new List<string>();
        foreach (var vs in core.All)
        {
            try
            {
                var result = expander.Expand(new ExpansionRequest { Url = vs.Url, ValueSetVersion = vs.Version, Count = 1000 }, core.ValueSets, core.CodeSystems);
                expanded++;

                // Every member found by expansion must validate against the same value set.
                var member = Fixtures.Flatten(result.Expansion!.Contains).FirstOrDefault(c => c.Abstract != true && c.Inactive != true);
                if (member is not null)
                {
                    var check = validator.ValidateCode(
                        new ValidateCodeRequest { Url = vs.Url, ValueSetVersion = vs.Version, System = member.System, Code = member.Code, SystemVersion = member.Version },
                        core.ValueSets,
                        core.CodeSystems);
                    if (!check.Result)
                    {
                        mismatches.Add($"{vs.Url} {member.System}#{member.Code}: {check.Message}");
                    }
                }
            }
            catch (TerminologyException ex) when (ex.IssueType is OperationOutcome.IssueType.NotFound or OperationOutcome.IssueType.Invalid)
            {
                refused.Add($"{vs.Url}: {ex.MessageId} {ex.Message}");
            }
            catch (Exception ex)
            {
                unexpected.Add($"{vs.Url}: {ex.GetType().Name} {ex.Message}");
            }
        }

        output.WriteLine($"{core.All.Count} value sets: {expanded} expanded, {refused.Count} refused with a reason, {unexpected.Count} unexpected");
        refused.ForEach(output.WriteLine);
        Assert.Equal(1316, core.All.Count);
        Assert.Empty(unexpected);
        Assert.Empty(mismatches);
        Assert.True(expanded > 1200, $"only {expanded} expanded");
    }
}
