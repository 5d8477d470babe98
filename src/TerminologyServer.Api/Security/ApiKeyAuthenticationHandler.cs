using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace TerminologyServer.Api.Security;

/// <summary>Accepts <c>Authorization: Bearer &lt;key&gt;</c> where the key is one of <c>Auth:ApiKeys</c>.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ClientName = "api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.Read(Request);
        if (token is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!keys.Matches(token))
        {
            Logger.LogInformation("Bearer token rejected: not a configured API key");
            return Task.FromResult(AuthenticateResult.Fail(keys.HasKeys
                ? new BearerTokenRejectedException("The bearer token is not a valid API key or access token.")
                : new BearerTokenRejectedException("This server has no write credentials configured; writes are refused.")));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, ClientName)], Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(ticket));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = BearerToken.Read(Request) is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}

/// <summary>An authentication failure whose message is written for the client (no secrets, no internals).</summary>
internal sealed class BearerTokenRejectedException(string clientMessage) : Exception(clientMessage);
