using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TerminologyServer.Api.Tests.Infrastructure;

/// <summary>The real server in process, configured with the given settings (database, keys, limits).</summary>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
