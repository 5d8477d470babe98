using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Engine;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Expand;
using TerminologyServer.Engine.ValueSets;
using Xunit.Abstractions;

namespace TerminologyServer.Api.Tests.ValueSets;

/// <summary>Every value set of the FHIR R4 specification, loaded at start, expands or fails with a clear terminology error.</summary>
public sealed class CoreValueSetsTests(SqliteFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteFixture>
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
        var reasons = new List<(string Url, string MessageId, string Message)>();

        foreach (var vs in valueSets.ByKey.Values)
        {
            try
            {
                var result = expander.Expand(new ExpansionRequest { ValueSet = vs, Count = 1000 }, valueSets, codeSystems);
                Assert.NotNull(result.Expansion);
                expanded++;
            }
            catch (TerminologyException e)
            {
                refused++;
                reasons.Add((vs.Url!, e.MessageId, e.Message));
            }
            catch (Exception e)
            {
                unexpected.Add($"{vs.Url}: {e.GetType().Name}");
            }
        }

        output.WriteLine($"{expanded} of {valueSets.ByKey.Count} core value sets expand, {refused} are refused:");
        foreach (var group in reasons.GroupBy(r => r.MessageId).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {group.Key} {group.Count()}:");
            foreach (var (url, _, message) in group.OrderBy(r => r.Url, StringComparer.Ordinal))
            {
                output.WriteLine($"    {url[(url.LastIndexOf('/') + 1)..]}: {message}");
            }
        }

        // The code systems defined by code (BCP-47, UCUM, media types, ISO 3166/4217) are held: none is missing any more.
        var computed = new[] { "urn:ietf:bcp:47", "urn:ietf:bcp:13", "http://unitsofmeasure.org", "urn:iso:std:iso:3166", "urn:iso:std:iso:4217" };
        Assert.DoesNotContain(reasons, r => r.MessageId.StartsWith("UNKNOWN_CODESYSTEM", StringComparison.Ordinal) && computed.Any(c => r.Message.Contains($"'{c}'", StringComparison.Ordinal)));
        Assert.Empty(unexpected);
        Assert.True(expanded > 1000, $"only {expanded} of {valueSets.ByKey.Count} expanded ({refused} refused)");
    }
}
