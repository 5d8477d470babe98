using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TerminologyServer.Api.Security;

/// <summary>
/// Configures the JWT scheme from <c>Auth:Jwt</c> when the options are first needed, so configuration added
/// after <c>AddWriteSecurity</c> (test hosts, environment overrides) is honoured.
/// </summary>
internal sealed class JwtBearerConfigurator(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
{
    // HMAC for a shared secret; asymmetric algorithms for keys from an OIDC discovery document.
    // Listing them keeps out "none" and stops a public key being used as an HMAC secret.
    private static readonly string[] _symmetricAlgorithms = [SecurityAlgorithms.HmacSha256];
    private static readonly string[] _asymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != WriteSecurity.JwtScheme)
        {
            return;
        }

        var jwt = auth.Value.Jwt;
        options.MapInboundClaims = false;     // keep "scope"/"scp" as sent
        options.IncludeErrorDetails = false;  // the OperationOutcome says what is wrong, in fixed texts
        options.Events = new JwtBearerEvents
        {
            // RFC 6750: a presented but rejected token is answered with error="invalid_token", without details.
            OnChallenge = context =>
            {
                if (context.AuthenticateFailure is not null)
                {
                    context.Error = "invalid_token";
                }

                return Task.CompletedTask;
            },
        };
        options.SaveToken = false;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;

        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = string.IsNullOrWhiteSpace(jwt.Issuer) ? null : jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(jwt.ClockSkewSeconds),
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            NameClaimType = "sub",
        };

        if (!string.IsNullOrWhiteSpace(jwt.SigningKey))
        {
            parameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey));
            parameters.ValidAlgorithms = _symmetricAlgorithms;
        }
        else if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            options.Authority = jwt.Authority;
            parameters.ValidAlgorithms = _asymmetricAlgorithms;
        }

        options.TokenValidationParameters = parameters;
    }
}
