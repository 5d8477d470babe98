using Microsoft.Extensions.Options;

namespace TerminologyServer.Api.Security;

/// <summary>Says once at start which write credentials are accepted, so a server that refuses every write is noticed.</summary>
internal sealed class WriteSecurityStartupLog(IOptions<AuthOptions> options, ILogger<WriteSecurityStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        var keys = auth.ApiKeys.Count(k => !string.IsNullOrWhiteSpace(k));
        if (keys == 0 && !auth.JwtConfigured)
        {
            logger.LogWarning("Neither Auth:ApiKeys nor Auth:Jwt is configured: every create, update, delete and import is refused with 401");
            return Task.CompletedTask;
        }

        logger.LogInformation(
            "Writes accept {ApiKeyCount} API key(s) and {JwtSource}",
            keys,
            !auth.JwtConfigured ? "no JWTs"
                : string.IsNullOrWhiteSpace(auth.Jwt.Authority) ? $"HS256 JWTs from {auth.Jwt.Issuer} for {auth.Jwt.Audience}"
                : $"JWTs from authority {auth.Jwt.Authority} for {auth.Jwt.Audience}");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
