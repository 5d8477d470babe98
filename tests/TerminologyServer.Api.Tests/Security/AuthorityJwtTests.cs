using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Tests.Security;

/// <summary>
/// <c>Auth:Jwt:Authority</c>: keys come from OIDC discovery, served here by a fake back channel instead of a network.
/// </summary>
public sealed class AuthorityJwtTests : IAsyncLifetime, IDisposable
{
    private const string Authority = "https://login.example.org";
    private const string JwtScheme = "FhirJwt"; // internal scheme name of the JWT handler

    private readonly RSA _rsa = RSA.Create(2048);
    private SecurityTestHost? _host;

    private SecurityTestHost Host => _host ?? throw new InvalidOperationException("Host not started");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Jwt:Authority"] = Authority,
            ["Auth:Jwt:Audience"] = SecurityTestHost.Audience,
        };
        var backchannel = new DiscoveryHandler(_rsa);
        _host = await SecurityTestHost.StartAsync(settings, services =>
            services.Configure<JwtBearerOptions>(JwtScheme, o => o.BackchannelHttpHandler = backchannel));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public void Dispose() => _rsa.Dispose();

    [Fact]
    public async Task GivenRs256TokenFromAuthority_WhenCreatingCodeSystem_ThenCreated()
    {
        using var response = await Host.CreateCodeSystemAsync(RsaToken(issuer: Authority));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task GivenRs256TokenFromOtherIssuer_WhenCreatingCodeSystem_ThenUnauthorized()
    {
        using var response = await Host.CreateCodeSystemAsync(RsaToken(issuer: "https://evil.example.org"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GivenHs256TokenWithAuthority_WhenCreatingCodeSystem_ThenUnauthorized()
    {
        var token = SecurityTestHost.Token("system/*.*", issuer: Authority);

        using var response = await Host.CreateCodeSystemAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GivenUnsignedTokenWithAuthority_WhenCreatingCodeSystem_ThenUnauthorized()
    {
        using var response = await Host.CreateCodeSystemAsync(SecurityTestHost.UnsignedToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private string RsaToken(string issuer) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = SecurityTestHost.Audience,
        Claims = new Dictionary<string, object> { ["scope"] = "system/CodeSystem.write", ["sub"] = "backend-client" },
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
    });

    private sealed class DiscoveryHandler(RSA rsa) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri?.AbsolutePath;
            object? body = path switch
            {
                "/.well-known/openid-configuration" => new Dictionary<string, object>
                {
                    ["issuer"] = Authority,
                    ["jwks_uri"] = Authority + "/jwks",
                },
                "/jwks" => Jwks(),
                _ => null,
            };
            var response = body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
                };
            return Task.FromResult(response);
        }

        private Dictionary<string, object> Jwks()
        {
            var parameters = rsa.ExportParameters(includePrivateParameters: false);
            var key = new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = "k1",
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
            return new Dictionary<string, object> { ["keys"] = new[] { key } };
        }
    }
}
