namespace TerminologyServer.Api.Security;

// Temporary: replaced by the real write security (API keys + JWT) when that branch lands.
public static class WriteSecurity
{
    public const string ImportPolicy = "write:import";

    public static IServiceCollection AddWriteSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication();
        services.AddAuthorization(o =>
        {
            foreach (var t in new[] { "CodeSystem", "ValueSet", "ConceptMap", "PlanDefinition", "NamingSystem" })
            {
                o.AddPolicy(PolicyFor(t), p => p.RequireAssertion(_ => true));
            }

            o.AddPolicy(ImportPolicy, p => p.RequireAssertion(_ => true));
        });
        return services;
    }

    public static string PolicyFor(string resourceType) => "write:" + resourceType;
}
