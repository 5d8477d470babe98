using Microsoft.Extensions.Options;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Engine.Narratives;
using TerminologyServer.Import;

namespace TerminologyServer.Api.Narratives;

/// <summary>Services of procedure narratives, and the <c>$lookup</c> default that applies narrative supplements.</summary>
public static class NarrativeSetup
{
    public static IServiceCollection AddNarratives(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<NarrativeOptions>(config.GetSection(NarrativeOptions.Section));
        services.AddScoped<NarrativeImporter>();
        services.AddScoped<NarrativeExporter>();
        // A narrative supplement is applied to every $lookup of its code system unless useSupplement names others.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NarrativeOptions>>().Value.ApplyToLookup
            ? new LookupService { AppliesByDefault = index => NarrativeProperties.IsSupplementUrl(index.Url) }
            : new LookupService());
        return services;
    }
}
