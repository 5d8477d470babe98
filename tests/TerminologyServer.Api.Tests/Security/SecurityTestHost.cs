using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TerminologyServer.Api.Security;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Tests.Security;

/// <summary>
/// A minimal FHIR-shaped host with open reads and protected writes, independent of the real Program.cs.
/// </summary>
public sealed class SecurityTestHost : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789abcdef";
    public const string SigningKey = "test-signing-key-that-is-at-least-32-bytes-long";
    public const string Issuer = "https://issuer.example.org";
    public const string Audience = "https://tx.example.org/fhir";

    private static readonly JsonSerializerOptions _fhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private readonly WebApplication _app;

    private SecurityTestHost(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public static Dictionary<string, string?> ApiKeyAndJwtSettings() => new()
    {
        ["Auth:ApiKeys:0"] = ApiKey,
        ["Auth:Jwt:SigningKey"] = SigningKey,
        ["Auth:Jwt:Issuer"] = Issuer,
        ["Auth:Jwt:Audience"] = Audience,
    };

    public static async Task<SecurityTestHost> StartAsync(
        IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWriteSecurity(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/fhir/CodeSystem/{id}", (string id) => Results.Ok(id));
        app.MapPost("/fhir/CodeSystem/$lookup", () => Results.Ok("lookup"));
        app.MapPost("/fhir/CodeSystem", () => Results.Created("/fhir/CodeSystem/1", "created"))
            .RequireAuthorization(WriteSecurity.PolicyFor("CodeSystem"));
        app.MapPut("/fhir/ValueSet/{id}", (string id) => Results.Ok(id))
            .RequireAuthorization(WriteSecurity.PolicyFor("ValueSet"));
        app.MapPost("/fhir/$import", () => Results.Ok("imported"))
            .RequireAuthorization(WriteSecurity.ImportPolicy);

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new SecurityTestHost(app);
    }

    public Task<HttpResponseMessage> CreateCodeSystemAsync(string? bearerToken) =>
        SendAsync(HttpMethod.Post, "/fhir/CodeSystem", bearerToken);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearerToken)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent("{\"resourceType\":\"CodeSystem\"}", Encoding.UTF8, "application/fhir+json"),
        };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await Client.SendAsync(request);
    }

    public static async Task<OperationOutcome> ReadOutcomeAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<OperationOutcome>(json, _fhirJson)
            ?? throw new InvalidOperationException("Empty OperationOutcome");
    }

    /// <summary>An HS256 token; every part can be changed to make it invalid in one way.</summary>
    public static string Token(
        string? scope = "system/CodeSystem.write",
        string signingKey = SigningKey,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string scopeClaim = "scope",
        string[]? scopeArray = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = "backend-client" };
        if (scopeArray is not null)
        {
            claims[scopeClaim] = scopeArray;
        }
        else if (scope is not null)
        {
            claims[scopeClaim] = scope;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(3), // test data is built at discovery; a long run must not outlive it
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with header <c>{"alg":"none"}</c> and an empty signature, otherwise valid.</summary>
    public static string UnsignedToken(string scope = "system/*.*")
    {
        var now = DateTimeOffset.UtcNow;
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = "backend-client",
            ["scope"] = scope,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(3).ToUnixTimeSeconds(),
        });
        return new JsonWebTokenHandler().CreateToken(payload);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
