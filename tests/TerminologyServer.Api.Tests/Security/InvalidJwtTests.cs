using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Tests.Security;

/// <summary>Each token is valid except in one respect and carries a scope that would allow every write.</summary>
public sealed class InvalidJwtTests(WriteSecurityFixture fixture) : IClassFixture<WriteSecurityFixture>
{
    private const string AllScopes = "system/*.*";

    public static TheoryData<string, string, string> InvalidTokens()
    {
        var now = DateTime.UtcNow;
        return new TheoryData<string, string, string>
        {
            { "bad signature", SecurityTestHost.Token(AllScopes, signingKey: "another-signing-key-that-is-32-bytes-or-more"), "signature" },
            { "expired", SecurityTestHost.Token(AllScopes, notBefore: now.AddHours(-2), expires: now.AddHours(-1)), "expired" },
            { "not yet valid", SecurityTestHost.Token(AllScopes, notBefore: now.AddHours(1), expires: now.AddHours(2)), "not valid yet" },
            { "wrong audience", SecurityTestHost.Token(AllScopes, audience: "https://other.example.org/fhir"), "audience" },
            { "wrong issuer", SecurityTestHost.Token(AllScopes, issuer: "https://evil.example.org"), "issuer" },
            { "alg none", SecurityTestHost.UnsignedToken(AllScopes), "signature" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task GivenInvalidJwt_WhenCreatingCodeSystem_ThenUnauthorizedSayingWhy(string why, string token, string expectedText)
    {
        using var response = await fixture.Host.CreateCodeSystemAsync(token);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal("error=\"invalid_token\"", challenge.Parameter);
        var issue = Assert.Single((await SecurityTestHost.ReadOutcomeAsync(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
        Assert.Contains(expectedText, issue.Diagnostics, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("IDX", issue.Diagnostics);
    }

    [Fact]
    public async Task GivenExpiredJwtWithinClockSkew_WhenCreatingCodeSystem_ThenCreated()
    {
        var now = DateTime.UtcNow;
        var token = SecurityTestHost.Token(AllScopes, notBefore: now.AddMinutes(-5), expires: now.AddSeconds(-5));

        using var response = await fixture.Host.CreateCodeSystemAsync(token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
