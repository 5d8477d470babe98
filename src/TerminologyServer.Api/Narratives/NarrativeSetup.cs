using TerminologyServer.Import;

namespace TerminologyServer.Api.Narratives;

/// <summary>Services of procedure narratives: their options, importer and exporter.</summary>
public static class NarrativeSetup
{
    public static IServiceCollection AddNarratives(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<NarrativeOptions>(config.GetSection(NarrativeOptions.Section));
        services.AddScoped<NarrativeImporter>();
        services.AddScoped<NarrativeExporter>();
        return services;
    }
}
