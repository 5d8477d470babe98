using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace TerminologyServer.Api.Security;

/// <summary>Writes of one resource type, or (<see cref="ResourceType"/> null) imports, which may write any type.</summary>
internal sealed class WriteScopeRequirement(string? resourceType) : IAuthorizationRequirement
{
    public string? ResourceType { get; } = resourceType;

    /// <summary>The scope to name in a 403, the narrowest one that would have been enough.</summary>
    public string RequiredScope => $"system/{ResourceType ?? "*"}.write";
}

/// <summary>An API key grants every write; a JWT grants what its SMART scopes say.</summary>
internal sealed class WriteScopeAuthorizationHandler : AuthorizationHandler<WriteScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WriteScopeRequirement requirement)
    {
        var user = context.User;
        var viaApiKey = user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == WriteSecurity.ApiKeyScheme);
        if (viaApiKey || SmartScopes.GrantWrite(SmartScopes.Of(user), requirement.ResourceType))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Builds a policy for any <c>write:&lt;ResourceType&gt;</c> name on demand, so a new endpoint needs no
/// registration; other names go to the default provider.
/// </summary>
internal sealed class WritePolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    private readonly ConcurrentDictionary<string, AuthorizationPolicy> _policies = new(StringComparer.Ordinal);

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(WriteSecurity.PolicyPrefix, StringComparison.Ordinal))
        {
            return base.GetPolicyAsync(policyName);
        }

        string? resourceType;
        if (policyName == WriteSecurity.ImportPolicy)
        {
            resourceType = null;
        }
        else
        {
            resourceType = policyName[WriteSecurity.PolicyPrefix.Length..];
            if (!WriteSecurity.IsResourceTypeName(resourceType))
            {
                return base.GetPolicyAsync(policyName);
            }
        }

        var policy = _policies.GetOrAdd(policyName, _ => new AuthorizationPolicyBuilder(WriteSecurity.Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new WriteScopeRequirement(resourceType))
            .Build());
        return Task.FromResult<AuthorizationPolicy?>(policy);
    }
}
