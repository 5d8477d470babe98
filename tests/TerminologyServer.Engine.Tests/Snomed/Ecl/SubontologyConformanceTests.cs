using System.Globalization;
using System.Text.Json;
using TerminologyServer.Engine.Snomed.Ecl;

namespace TerminologyServer.Engine.Tests.Snomed.Ecl;

/// <summary>
/// The IG's <c>sct-ecl</c> cases (HL7 tx-ecosystem) on the real subontology: the ECL of each request's value set
/// filter, evaluated here, must give the codes of the expected expansion, the expected validate-code result, or
/// an INVALID_ECL error naming the expression.
/// </summary>
public class SubontologyConformanceTests(SubontologyFixture fixture) : IClassFixture<SubontologyFixture>
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (SubontologyFixture.CasesFolder is not { } folder)
        {
            data.Add("(no cases)");
            return data;
        }

        foreach (var file in Directory.GetFiles(folder, "*-request.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file)[..^"-request.json".Length]);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Given_an_sct_ecl_case_When_its_ECL_is_evaluated_Then_the_expected_answer(string name)
    {
        Skip.If(SubontologyFixture.Unavailable is not null, SubontologyFixture.Unavailable);
        var folder = SubontologyFixture.CasesFolder!;
        using var request = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name + "-request.json")));
        using var response = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name + "-response.json")));
        var ecl = FindFilterValue(request.RootElement) ?? throw new InvalidOperationException("No ECL in " + name);
        var data = fixture.Data;

        if (response.RootElement.GetProperty("resourceType").GetString() == "OperationOutcome")
        {
            var error = Assert.Throws<EclSyntaxException>(() => EclParser.Parse(ecl));
            Assert.Contains(ecl, error.Message, StringComparison.Ordinal);
            var issue = response.RootElement.GetProperty("issue")[0];
            Assert.Equal("invalid", issue.GetProperty("code").GetString());
            return;
        }

        var expression = EclParser.Parse(ecl);
        if (name.StartsWith("expand", StringComparison.Ordinal))
        {
            var expansion = response.RootElement.GetProperty("expansion");
            var expected = expansion.TryGetProperty("contains", out var contains)
                ? contains.EnumerateArray().Select(c => long.Parse(c.GetProperty("code").GetString()!, CultureInfo.InvariantCulture)).Order().ToArray()
                : [];
            var actual = data.Ids(EclEvaluator.Evaluate(expression, data)).Order().ToArray();
            Assert.Equal(expansion.GetProperty("total").GetInt32(), actual.Length);
            Assert.Equal(expected, actual);
            return;
        }

        var code = Parameter(request.RootElement, "code")!.Value.GetProperty("valueCode").GetString()!;
        var result = Parameter(response.RootElement, "result")!.Value.GetProperty("valueBoolean").GetBoolean();
        var matched = TestExpressions.IsExpression(code)
            ? TestExpressions.Matches(expression, data, code)
            : EclEvaluator.Matches(expression, data, data.IndexOf(long.Parse(code, CultureInfo.InvariantCulture)));
        Assert.Equal(result, matched);
        if (!TestExpressions.IsExpression(code))
        {
            Assert.Equal(matched, EclEvaluator.Evaluate(expression, data).Contains(data.IndexOf(long.Parse(code, CultureInfo.InvariantCulture))));
        }
    }

    private static string? FindFilterValue(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                if (e.TryGetProperty("property", out var p) && p.GetString() is "constraint" or "expression" && e.TryGetProperty("value", out var v))
                {
                    return v.GetString();
                }

                foreach (var child in e.EnumerateObject())
                {
                    if (FindFilterValue(child.Value) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var child in e.EnumerateArray())
                {
                    if (FindFilterValue(child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static JsonElement? Parameter(JsonElement parameters, string name) =>
        parameters.GetProperty("parameter").EnumerateArray().Where(p => p.GetProperty("name").GetString() == name)
            .Select(p => (JsonElement?)p).FirstOrDefault();
}
