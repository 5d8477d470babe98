using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;

namespace TerminologyServer.Api.Tests.Security;

/// <summary>The real server on each provider: reads open, writes need a key or a JWT with a write scope.</summary>
public abstract class WriteProtectionApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    public static TheoryData<string, string?, HttpStatusCode> Credentials => new()
    {
        { "no token", null, HttpStatusCode.Unauthorized },
        { "garbage token", "not-a-token", HttpStatusCode.Unauthorized },
        { "bad signature", SecurityTestHost.Token(signingKey: "another-signing-key-that-is-32-bytes-or-more"), HttpStatusCode.Unauthorized },
        { "expired", SecurityTestHost.Token(notBefore: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddHours(-1)), HttpStatusCode.Unauthorized },
        { "wrong audience", SecurityTestHost.Token(audience: "https://elsewhere.example.org"), HttpStatusCode.Unauthorized },
        { "alg none", SecurityTestHost.UnsignedToken(), HttpStatusCode.Unauthorized },
        { "read-only scope", SecurityTestHost.Token(scope: "system/CodeSystem.read"), HttpStatusCode.Forbidden },
        { "write scope", SecurityTestHost.Token(scope: "system/CodeSystem.write"), HttpStatusCode.Created },
        { "api key", TestDatabases.TestApiKey, HttpStatusCode.Created },
    };

    [SkippableTheory]
    [MemberData(nameof(Credentials))]
    public async System.Threading.Tasks.Task GivenCredentials_WhenCreatingACodeSystem_ThenOnlyWritersSucceed(string why, string? token, HttpStatusCode expected)
    {
        fixture.SkipIfUnavailable();
        var url = $"http://example.org/auth/{Guid.NewGuid():N}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/CodeSystem") { Content = Wire.JsonBody(Resources.CrudTests<TFixture>.SampleCodeSystem(url)) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await fixture.Client.SendAsync(request);

        Assert.True(expected == response.StatusCode, $"{why}: {(int)response.StatusCode}");
        var stored = await Wire.ReadAsync<Bundle>(await fixture.Client.GetAsync($"/fhir/CodeSystem?url={url}&_summary=count"));
        Assert.Equal(expected == HttpStatusCode.Created ? 1 : 0, stored.Total);
        if (expected != HttpStatusCode.Created)
        {
            var outcome = await Wire.ReadOutcomeAsync(response);
            Assert.Equal(expected == HttpStatusCode.Forbidden ? OperationOutcome.IssueType.Forbidden : OperationOutcome.IssueType.Login, outcome.Issue[0].Code);
        }
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenNoToken_WhenReadingOrPostingAnOperation_ThenItIsOpen()
    {
        fixture.SkipIfUnavailable();
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/fhir/CodeSystem/cpt")).StatusCode);
        var body = new Parameters().Add("system", new FhirUri("http://www.ama-assn.org/go/cpt")).Add("code", new Code("72275"));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PostAsync("/fhir/CodeSystem/$lookup", Wire.JsonBody(body))).StatusCode);
    }
}

public sealed class SqliteWriteProtectionApiTests(SqliteFixture fixture) : WriteProtectionApiTests<SqliteFixture>(fixture);

public sealed class PostgresWriteProtectionApiTests(PostgresFixture fixture) : WriteProtectionApiTests<PostgresFixture>(fixture);
