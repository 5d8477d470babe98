using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using TerminologyServer.Api.Cli;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Import;

/// <summary>
/// One server with the real files imported once: ICD-10-CM FY2026 and HCPCS by the CLI verbs, ICD-10-CM FY2025
/// by the asynchronous HTTP route, ICD-10-PCS by the synchronous HTTP route, and generated CPT files by the CLI.
/// The tests of a class share it and only read, except those that try writes which must change nothing.
/// </summary>
public abstract class ImportedContentFixture(ApiFixture api, bool bothIcdYears) : IAsyncLifetime
{
    private readonly string _cptFolder = Path.Combine(Path.GetTempPath(), "terminology-tests", "cpt-" + Guid.NewGuid().ToString("N"));

    public ApiFixture Api { get; } = api;

    /// <summary>True when ICD-10-CM FY2025 was imported too (SQLite only, to keep the PostgreSQL run short).</summary>
    public bool BothIcdYears { get; } = bothIcdYears;

    /// <summary>The code system imported through the asynchronous HTTP route.</summary>
    public string AsyncImported => BothIcdYears ? "icd-10-cm-2025" : "icd-10-pcs-2026";

    public (int Exit, string Out, string Error) Icd2026Cli { get; private set; }

    public (int Exit, string Out, string Error) HcpcsCli { get; private set; }

    public (int Exit, string Out, string Error) CptCli { get; private set; }

    public HttpResponseMessage AsyncAccepted { get; private set; } = null!;

    public List<HttpResponseMessage> AsyncPolls { get; } = [];

    public Parameters AsyncResult { get; private set; } = null!;

    public Parameters PcsResult { get; private set; } = null!;

    public CptFileGenerator.Result Cpt { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await Api.InitializeAsync();
        if (Api.Unavailable is not null)
        {
            return;
        }

        Icd2026Cli = await RunCliAsync("import", "icd10cm", SharedData.Icd10Cm2026);
        HcpcsCli = await RunCliAsync("import", "hcpcs", SharedData.Hcpcs2025);
        Cpt = CptFileGenerator.Write(_cptFolder, codes: 10_000);
        CptCli = await RunCliAsync("import", "cpt", _cptFolder, "--version", "2026");

        AsyncAccepted = await Api.Writer.SendAsync(BothIcdYears
            ? Upload("icd10cm", "FY2025", SharedData.Icd10Cm2025, respondAsync: true)
            : Upload("icd10pcs", "2026", SharedData.Icd10Pcs2026, respondAsync: true));
        var status = AsyncAccepted.Content.Headers.ContentLocation ?? throw new InvalidOperationException("no Content-Location");
        for (var i = 0; i < 3000; i++)
        {
            var poll = await Api.Writer.GetAsync(status);
            AsyncPolls.Add(poll);
            if (poll.StatusCode != HttpStatusCode.Accepted)
            {
                AsyncResult = await Wire.ReadAsync<Parameters>(poll);
                break;
            }

            await System.Threading.Tasks.Task.Delay(100);
        }

        var pcs = BothIcdYears ? await Api.Writer.SendAsync(Upload("icd10pcs", "2026", SharedData.Icd10Pcs2026, respondAsync: false)) : AsyncPolls[^1];
        PcsResult = await Wire.ReadAsync<Parameters>(pcs);
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await Api.DisposeAsync();
        if (Directory.Exists(_cptFolder))
        {
            Directory.Delete(_cptFolder, recursive: true);
        }
    }

    /// <summary>Runs a verb against this server's database with a captured console, then syncs the server's indexes.</summary>
    public async Task<(int Exit, string Out, string Error)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = CommandLine.Find(args) ?? throw new InvalidOperationException("unknown verb");
        var exit = await CommandLine.RunAsync(Api.Factory.Services, command, args, new CommandConsole(output, error, interactive: false));
        await Api.Factory.Services.GetRequiredService<IndexSynchronizer>().SyncAsync();
        return (exit, output.ToString(), error.ToString());
    }

    public static HttpRequestMessage Upload(string kind, string? version, string file, bool respondAsync)
    {
        var url = version is null ? $"/fhir/CodeSystem/$import?kind={kind}" : $"/fhir/CodeSystem/$import?kind={kind}&version={version}";
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(File.ReadAllBytes(file)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        if (respondAsync)
        {
            request.Headers.Add("Prefer", "respond-async");
        }

        return request;
    }
}

public sealed class ImportedSqliteFixture() : ImportedContentFixture(new SqliteFixture(), bothIcdYears: true);

public sealed class ImportedPostgresFixture() : ImportedContentFixture(new PostgresFixture(), bothIcdYears: false);
