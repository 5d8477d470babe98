using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Tests.Security;

public sealed class WriteSecurityTests(WriteSecurityFixture fixture) : IClassFixture<WriteSecurityFixture>
{
    private SecurityTestHost Host => fixture.Host;

    [Fact]
    public async Task GivenNoToken_WhenCreatingCodeSystem_ThenUnauthorizedWithLoginOutcome()
    {
        using var response = await Host.CreateCodeSystemAsync(bearerToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var issue = Assert.Single((await SecurityTestHost.ReadOutcomeAsync(response)).Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
        Assert.Contains("Authorization: Bearer", issue.Diagnostics);
    }

    [Fact]
    public async Task GivenBasicCredentials_WhenCreatingCodeSystem_ThenUnauthorized()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/CodeSystem");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var issue = Assert.Single((await SecurityTestHost.ReadOutcomeAsync(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
        Assert.Contains("Only 'Authorization: Bearer", issue.Diagnostics);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("not.a.jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0")]
    public async Task GivenGarbageToken_WhenCreatingCodeSystem_ThenUnauthorizedInvalidToken(string token)
    {
        using var response = await Host.CreateCodeSystemAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter);
        var issue = Assert.Single((await SecurityTestHost.ReadOutcomeAsync(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
        Assert.DoesNotContain("IDX", issue.Diagnostics);
    }

    [Fact]
    public async Task GivenConfiguredApiKey_WhenCreatingCodeSystem_ThenCreated()
    {
        using var response = await Host.CreateCodeSystemAsync(SecurityTestHost.ApiKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task GivenConfiguredApiKey_WhenImporting_ThenAllowed()
    {
        using var response = await Host.SendAsync(HttpMethod.Post, "/fhir/$import", SecurityTestHost.ApiKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(SecurityTestHost.ApiKey + "x")]
    [InlineData("test-api-key-0123456789abcdeF")]
    [InlineData("test-api-key")]
    public async Task GivenWrongApiKey_WhenCreatingCodeSystem_ThenUnauthorized(string key)
    {
        using var response = await Host.CreateCodeSystemAsync(key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var issue = Assert.Single((await SecurityTestHost.ReadOutcomeAsync(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
    }

    [Fact]
    public async Task GivenValidJwtWithWriteScope_WhenCreatingCodeSystem_ThenCreated()
    {
        using var response = await Host.CreateCodeSystemAsync(SecurityTestHost.Token("system/CodeSystem.write"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("system/*.write")]
    [InlineData("system/CodeSystem.*")]
    [InlineData("system/*.*")]
    [InlineData("system/CodeSystem.cud")]
    [InlineData("system/*.cud")]
    [InlineData("system/CodeSystem.cruds")]
    [InlineData("openid system/CodeSystem.read system/CodeSystem.write")]
    public async Task GivenJwtWithGrantingScope_WhenCreatingCodeSystem_ThenCreated(string scope)
    {
        using var response = await Host.CreateCodeSystemAsync(SecurityTestHost.Token(scope));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task GivenJwtWithScopeInScpClaim_WhenCreatingCodeSystem_ThenCreated()
    {
        var token = SecurityTestHost.Token("system/CodeSystem.write", scopeClaim: "scp");

        using var response = await Host.CreateCodeSystemAsync(token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task GivenJwtWithScopeArrayInScpClaim_WhenCreatingCodeSystem_ThenCreated()
    {
        var token = SecurityTestHost.Token(scopeClaim: "scp", scopeArray: ["openid", "system/CodeSystem.write"]);

        using var response = await Host.CreateCodeSystemAsync(token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("system/CodeSystem.read")]
    [InlineData("system/CodeSystem.rs")]
    [InlineData("system/*.read")]
    [InlineData("system/ValueSet.write")]
    [InlineData("system/CodeSystem.cu")]
    [InlineData("system/codesystem.write")]
    [InlineData("system/CodeSystem.write?url=http://example.org")]
    [InlineData("user/CodeSystem.write")]
    [InlineData("patient/*.*")]
    [InlineData("openid profile")]
    [InlineData(null)]
    public async Task GivenJwtWithoutWriteScope_WhenCreatingCodeSystem_ThenForbiddenWithOutcome(string? scope)
    {
        using var response = await Host.CreateCodeSystemAsync(SecurityTestHost.Token(scope));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("insufficient_scope", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var issue = Assert.Single((await SecurityTestHost.ReadOutcomeAsync(response)).Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, issue.Code);
        Assert.Contains("system/CodeSystem.write", issue.Diagnostics);
    }

    [Fact]
    public async Task GivenJwtForCodeSystem_WhenUpdatingValueSet_ThenForbidden()
    {
        var token = SecurityTestHost.Token("system/CodeSystem.write");

        using var response = await Host.SendAsync(HttpMethod.Put, "/fhir/ValueSet/vs1", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("system/*.write")]
    [InlineData("system/*.*")]
    [InlineData("system/*.cud")]
    public async Task GivenJwtWithWildcardWriteScope_WhenImporting_ThenAllowed(string scope)
    {
        using var response = await Host.SendAsync(HttpMethod.Post, "/fhir/$import", SecurityTestHost.Token(scope));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GivenJwtForOneResourceType_WhenImporting_ThenForbidden()
    {
        var token = SecurityTestHost.Token("system/CodeSystem.write");

        using var response = await Host.SendAsync(HttpMethod.Post, "/fhir/$import", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var issue = Assert.Single((await SecurityTestHost.ReadOutcomeAsync(response)).Issue);
        Assert.Contains("system/*.write", issue.Diagnostics);
    }

    [Fact]
    public async Task GivenReadsAreOpen_WhenReadingWithoutToken_ThenOk()
    {
        using var response = await Host.Client.GetAsync(new Uri("/fhir/CodeSystem/cpt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GivenReadsAreOpen_WhenPostingOperationWithoutToken_ThenOk()
    {
        using var response = await Host.SendAsync(HttpMethod.Post, "/fhir/CodeSystem/$lookup", bearerToken: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GivenReadsAreOpen_WhenReadingWithGarbageToken_ThenOk()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/fhir/CodeSystem/cpt", "garbage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
