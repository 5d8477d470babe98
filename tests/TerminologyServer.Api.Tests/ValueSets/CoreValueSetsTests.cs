using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Engine;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.ValueSets;

namespace TerminologyServer.Api.Tests.ValueSets;

/// <summary>Every value set of the FHIR R4 specification, loaded at start, expands or fails with a clear terminology error.</summary>
public sealed class CoreValueSetsTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public void GivenTheFhirR4CoreContent_WhenLoaded_ThenAll1316ValueSetsAnd1062CodeSystemsAreInMemory()
    {
        var valueSets = fixture.Factory.Services.GetRequiredService<ValueSetRegistry>();
        var codeSystems = fixture.Factory.Services.GetRequiredService<CodeSystemRegistry>();

        Assert.True(valueSets.ByKey.Count >= 1316, $"{valueSets.ByKey.Count} value sets");
        Assert.True(codeSystems.ByKey.Count >= 1062, $"{codeSystems.ByKey.Count} code systems");
    }

    [Fact]
    public void GivenEveryCoreValueSet_WhenExpanded_ThenItExpandsOrRaisesATerminologyError()
    {
        var services = fixture.Factory.Services;
        var valueSets = services.GetRequiredService<ValueSetRegistry>();
        var codeSystems = services.GetRequiredService<CodeSystemRegistry>();
        var expander = services.GetRequiredService<ValueSetExpander>();
        int expanded = 0, refused = 0;
        var unexpected = new List<string>();

        foreach (var vs in valueSets.ByKey.Values)
        {
            try
            {
                var result = expander.Expand(new ExpansionRequest { ValueSet = vs, Count = 1000 }, valueSets, codeSystems);
                Assert.NotNull(result.Expansion);
                expanded++;
            }
            catch (TerminologyException)
            {
                refused++;
            }
            catch (Exception e)
            {
                unexpected.Add($"{vs.Url}: {e.GetType().Name}");
            }
        }

        Assert.Empty(unexpected);
        Assert.True(expanded > 1000, $"only {expanded} of {valueSets.ByKey.Count} expanded ({refused} refused)");
    }
}
