using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TerminologyServer.Api.Tests.Web;
using TerminologyServer.Storage;

namespace TerminologyServer.Web.Tests;

/// <summary>
/// The real server on a real socket (Kestrel, SQLite in a temporary folder, the shipped CPT content and the 72275
/// narrative) and Debian's chromium driven by Playwright, headless. Without chromium the tests are skipped with the
/// reason, except in CI (<c>CI=true</c>) where that is a failure. Set <c>CHROMIUM_PATH</c> to use another browser binary.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ApiKey = "web-tests-key-0123456789";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "terminology-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _server;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public string? Unavailable { get; private set; }

    /// <summary>Where screenshots go: <c>TestResults/web</c> at the root of the checkout.</summary>
    public static string ArtifactFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TerminologyServer.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "TestResults", "web")).FullName;
            }
        }

        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "web")).FullName;
    }

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Unavailable = $"No chromium at {chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true but " + Unavailable);
            }

            return;
        }

        Directory.CreateDirectory(_folder);
        _server = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Storage:Provider", "Sqlite");
            b.UseSetting("Storage:DataFolder", _folder);
            b.UseSetting("Content:LoadFhirCore", "false");
            // The real default content (ICD-10-CM, ICD-10-PCS, HCPCS imported once for this one fixture of the run): the hierarchy pages need it.
            b.UseSetting("Content:LoadCodeSystems", "true");
            b.UseSetting("Storage:PollSeconds", "0.2");
            b.UseSetting("Auth:ApiKeys:0", ApiKey);
        });
        _server.UseKestrel(0);
        _server.StartServer();
        BaseUrl = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        await StoreNarrativeUnlessShippedAsync();
        await StoreAdministrativeSampleAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pool; the temp folder is cleaned by the system.
        }
    }

    public void SkipIfUnavailable() => Skip.If(Unavailable is not null, Unavailable);

    /// <summary>The shipped content carries the 72275 narrative once the narratives land; until then the seed's is stored here.</summary>
    private async System.Threading.Tasks.Task StoreNarrativeUnlessShippedAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var found = await client.GetStringAsync("/fhir/CodeSystem?url=" + Uri.EscapeDataString(SeedNarrative.SupplementUrl) + "&_summary=true");
        if (FhirJson.Deserialize<Bundle>(found).Total > 0)
        {
            return;
        }

        (await client.PutAsync("/fhir/CodeSystem/cpt-narratives", Body(SeedNarrative.Supplement()))).EnsureSuccessStatusCode();
        (await client.PutAsync("/fhir/PlanDefinition/cpt-72275", Body(SeedNarrative.Plan()))).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The fixture loads no FHIR core: one code system under terminology.hl7.org stands for the administrative ones,
    /// which the site searches only on request.
    /// </summary>
    private async System.Threading.Tasks.Task StoreAdministrativeSampleAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var cs = new CodeSystem
        {
            Id = "web-test-status", Url = "http://terminology.hl7.org/CodeSystem/web-test-status", Version = "1", Name = "WebTestStatus",
            Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete,
            Concept = [new() { Code = "entered-in-error", Display = "Entered in Error" }],
        };
        (await client.PutAsync("/fhir/CodeSystem/web-test-status", Body(cs))).EnsureSuccessStatusCode();
    }

    private static StringContent Body(Resource resource) => new(FhirJson.Serialize(resource), System.Text.Encoding.UTF8, "application/fhir+json");
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
