using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using TerminologyServer.Api.Security;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Tests.Security;

public sealed class WriteSecurityConfigurationTests
{
    [Fact]
    public async Task GivenNoAuthConfiguration_WhenWritingWithAnyToken_ThenUnauthorized()
    {
        await using var host = await SecurityTestHost.StartAsync(new Dictionary<string, string?>());

        using var noToken = await host.CreateCodeSystemAsync(bearerToken: null);
        using var someToken = await host.CreateCodeSystemAsync(SecurityTestHost.ApiKey);
        using var jwt = await host.CreateCodeSystemAsync(SecurityTestHost.Token("system/*.*"));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, someToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, jwt.StatusCode);
        var issue = Assert.Single((await SecurityTestHost.ReadOutcomeAsync(someToken)).Issue);
        Assert.Equal(OperationOutcome.IssueType.Login, issue.Code);
        Assert.Contains("no write credentials configured", issue.Diagnostics);
    }

    [Fact]
    public async Task GivenNoAuthConfiguration_WhenReading_ThenOk()
    {
        await using var host = await SecurityTestHost.StartAsync(new Dictionary<string, string?>());

        using var response = await host.Client.GetAsync(new Uri("/fhir/CodeSystem/cpt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GivenOnlyApiKeysConfigured_WhenWritingWithJwt_ThenUnauthorized()
    {
        await using var host = await SecurityTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0"] = SecurityTestHost.ApiKey,
        });

        using var withJwt = await host.CreateCodeSystemAsync(SecurityTestHost.Token("system/*.*"));
        using var withKey = await host.CreateCodeSystemAsync(SecurityTestHost.ApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, withJwt.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withKey.StatusCode);
    }

    [Fact]
    public async Task GivenOnlyJwtConfigured_WhenWritingWithJwt_ThenCreated()
    {
        var settings = SecurityTestHost.ApiKeyAndJwtSettings();
        settings.Remove("Auth:ApiKeys:0");
        await using var host = await SecurityTestHost.StartAsync(settings);

        using var withJwt = await host.CreateCodeSystemAsync(SecurityTestHost.Token("system/CodeSystem.write"));
        using var withKey = await host.CreateCodeSystemAsync(SecurityTestHost.ApiKey);

        Assert.Equal(HttpStatusCode.Created, withJwt.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withKey.StatusCode);
    }

    [Fact]
    public async Task GivenSeveralApiKeys_WhenWritingWithTheSecond_ThenCreated()
    {
        const string second = "second-api-key-abcdefghijklmnop";
        var settings = SecurityTestHost.ApiKeyAndJwtSettings();
        settings["Auth:ApiKeys:1"] = second;
        await using var host = await SecurityTestHost.StartAsync(settings);

        using var response = await host.CreateCodeSystemAsync(second);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, string?> InvalidSettings() => new()
    {
        { "Auth:ApiKeys:0", "short" },
        { "Auth:ApiKeys:0", "" },
        { "Auth:Jwt:SigningKey", "too-short-secret" },
        { "Auth:Jwt:Audience", null },
        { "Auth:Jwt:Issuer", null },
        { "Auth:Jwt:Authority", "https://login.example.org" },
        { "Auth:Jwt:ClockSkewSeconds", "3600" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task GivenInvalidAuthSetting_WhenStarting_ThenStartFailsNamingTheSetting(string key, string? value)
    {
        var settings = SecurityTestHost.ApiKeyAndJwtSettings();
        settings[key] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SecurityTestHost.StartAsync(settings));

        Assert.Contains("Auth:", error.Message);
    }

    [Fact]
    public async Task GivenAuthorityWithoutSigningKey_WhenStarting_ThenStarts()
    {
        var settings = SecurityTestHost.ApiKeyAndJwtSettings();
        settings.Remove("Auth:Jwt:SigningKey");
        settings.Remove("Auth:Jwt:Issuer");
        settings["Auth:Jwt:Authority"] = "https://login.example.org";

        await using var host = await SecurityTestHost.StartAsync(settings);
        using var response = await host.CreateCodeSystemAsync(SecurityTestHost.ApiKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("CodeSystem", "write:CodeSystem")]
    [InlineData("ValueSet", "write:ValueSet")]
    [InlineData("ConceptMap", "write:ConceptMap")]
    public void GivenResourceType_WhenAskingPolicy_ThenWritePrefixedName(string type, string expected)
    {
        Assert.Equal(expected, WriteSecurity.PolicyFor(type));
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("codeSystem")]
    [InlineData("Code System")]
    [InlineData("import")]
    public void GivenInvalidResourceType_WhenAskingPolicy_ThenArgumentException(string type)
    {
        Assert.Throws<ArgumentException>(() => WriteSecurity.PolicyFor(type));
    }
}
