using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TerminologyServer.Api.Security;

/// <summary>
/// Reads are open; create/update/delete and imports need <c>Authorization: Bearer</c> with a configured API key
/// or a JWT carrying SMART backend-services scopes. Configuration: section <c>Auth</c> (README, "Security").
/// </summary>
public static class WriteSecurity
{
    public const string ImportPolicy = "write:import";

    internal const string PolicyPrefix = "write:";
    internal const string Scheme = "FhirBearer";
    internal const string ApiKeyScheme = "FhirApiKey";
    internal const string JwtScheme = "FhirJwt";

    /// <summary>
    /// Registers authentication (an API-key scheme and JwtBearer behind a policy scheme that picks one per request),
    /// the write policies and the 401/403 OperationOutcome responses. Configuration is read from the <c>Auth</c>
    /// section when first needed and validated at start.
    /// </summary>
    public static IServiceCollection AddWriteSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton<ApiKeyStore>();
        services.AddHostedService<WriteSecurityStartupLog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerConfigurator>());

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or JWT bearer token", options => options.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null)
            .AddJwtBearer(JwtScheme);

        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, WritePolicyProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, WriteScopeAuthorizationHandler>());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, OperationOutcomeAuthorizationResultHandler>();
        return services;
    }

    /// <summary>Name of the policy that allows creating, updating and deleting resources of this type, e.g. <c>write:CodeSystem</c>.</summary>
    public static string PolicyFor(string resourceType)
    {
        if (!IsResourceTypeName(resourceType))
        {
            throw new ArgumentException($"'{resourceType}' is not a FHIR resource type name.", nameof(resourceType));
        }

        return PolicyPrefix + resourceType;
    }

    internal static bool IsResourceTypeName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && char.IsAsciiLetterUpper(name[0]) && name.All(char.IsAsciiLetter);

    // A token equal to a configured API key goes to the API-key scheme; anything else is a JWT when JWTs are
    // configured. Without JWT configuration everything goes to the API-key scheme, which refuses unknown tokens.
    private static string SelectScheme(HttpContext context)
    {
        var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!auth.JwtConfigured)
        {
            return ApiKeyScheme;
        }

        var token = BearerToken.Read(context.Request);
        return token is not null && context.RequestServices.GetRequiredService<ApiKeyStore>().Matches(token)
            ? ApiKeyScheme
            : JwtScheme;
    }
}
