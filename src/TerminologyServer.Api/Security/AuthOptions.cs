using System.Text;
using Microsoft.Extensions.Options;

namespace TerminologyServer.Api.Security;

/// <summary>Configuration section <c>Auth</c>: who may create, update and delete resources and run imports.</summary>
internal sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Bearer tokens that grant every write. Each at least <see cref="MinimumApiKeyLength"/> characters.</summary>
    public List<string> ApiKeys { get; set; } = [];

    public JwtAuthOptions Jwt { get; set; } = new();

    public const int MinimumApiKeyLength = 16;

    public bool JwtConfigured => !string.IsNullOrWhiteSpace(Jwt.SigningKey) || !string.IsNullOrWhiteSpace(Jwt.Authority);
}

internal sealed class JwtAuthOptions
{
    /// <summary>HS256 shared secret (UTF-8, at least 32 bytes). Mutually exclusive with <see cref="Authority"/>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect issuer whose discovery document supplies the signing keys (RS256, ES256, ...).</summary>
    public string? Authority { get; set; }

    /// <summary>Expected <c>iss</c>. Required with a signing key; defaults to the discovery document's issuer with an authority.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected <c>aud</c>. Always required.</summary>
    public string? Audience { get; set; }

    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>Only for local identity providers in development: allows an http:// authority.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public const int MinimumSigningKeyBytes = 32;
    public const int MaximumClockSkewSeconds = 300;
}

/// <summary>Checked at start (<c>ValidateOnStart</c>): a half-configured auth section stops the server.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key) || key.Length < AuthOptions.MinimumApiKeyLength)
            {
                failures.Add($"Auth:ApiKeys:{i} must be at least {AuthOptions.MinimumApiKeyLength} characters long.");
            }
            else if (key.Any(char.IsWhiteSpace))
            {
                failures.Add($"Auth:ApiKeys:{i} must not contain whitespace.");
            }
        }

        var jwt = options.Jwt;
        var hasKey = !string.IsNullOrWhiteSpace(jwt.SigningKey);
        var hasAuthority = !string.IsNullOrWhiteSpace(jwt.Authority);
        if (hasKey && hasAuthority)
        {
            failures.Add("Set either Auth:Jwt:SigningKey or Auth:Jwt:Authority, not both.");
        }

        if (hasKey && Encoding.UTF8.GetByteCount(jwt.SigningKey!) < JwtAuthOptions.MinimumSigningKeyBytes)
        {
            failures.Add($"Auth:Jwt:SigningKey must be at least {JwtAuthOptions.MinimumSigningKeyBytes} bytes (UTF-8).");
        }

        if (hasKey && string.IsNullOrWhiteSpace(jwt.Issuer))
        {
            failures.Add("Auth:Jwt:Issuer is required with Auth:Jwt:SigningKey.");
        }

        if (hasAuthority && !Uri.TryCreate(jwt.Authority, UriKind.Absolute, out _))
        {
            failures.Add("Auth:Jwt:Authority must be an absolute URL.");
        }

        if ((hasKey || hasAuthority) && string.IsNullOrWhiteSpace(jwt.Audience))
        {
            failures.Add("Auth:Jwt:Audience is required when JWTs are accepted.");
        }

        if (!hasKey && !hasAuthority && (!string.IsNullOrWhiteSpace(jwt.Issuer) || !string.IsNullOrWhiteSpace(jwt.Audience)))
        {
            failures.Add("Auth:Jwt:Issuer/Audience are set but neither Auth:Jwt:SigningKey nor Auth:Jwt:Authority is.");
        }

        if (jwt.ClockSkewSeconds is < 0 or > JwtAuthOptions.MaximumClockSkewSeconds)
        {
            failures.Add($"Auth:Jwt:ClockSkewSeconds must be between 0 and {JwtAuthOptions.MaximumClockSkewSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
