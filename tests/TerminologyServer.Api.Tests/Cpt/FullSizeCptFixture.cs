using System.Text;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TerminologyServer.Api.Cli;
using TerminologyServer.Api.Tests.Infrastructure;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Storage;

namespace TerminologyServer.Api.Tests.Cpt;

/// <summary>
/// A server whose CPT is a full-size import (version 2026, newer than the shipped 2025 fragment, so it is the one
/// used): 10,000 made-up codes in the AMA file layouts from <see cref="CptFileGenerator"/>, plus the codes of the
/// shipped fragment written into the same files, so that the CPT tests run unchanged on it. The import runs once
/// per fixture through the <c>import cpt</c> verb, before the test server starts on the same database.
/// </summary>
public abstract class FullSizeCptFixture : ApiFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "terminology-tests", "cpt-full-" + Guid.NewGuid().ToString("N"));
    private CptExpectations? _expected;

    /// <summary>What the imported code system holds, read from the server's index of it.</summary>
    public CptExpectations Expected => _expected ??= CptExpectations.FromIndex(
        Factory.Services.GetRequiredService<CodeSystemRegistry>().Find(CptCalls.System, "2026")
        ?? throw new InvalidOperationException("the CPT import is not in the index"));

    // The import runs once per provider and test run; each fixture then gets a copy of that database.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, Dictionary<string, string?>> Templates = [];

    /// <summary>Settings of a fresh database with the prepared content, or null when the provider is not available.</summary>
    protected abstract Task<Dictionary<string, string?>?> CreateDatabaseAsync();

    /// <summary>Settings of a copy of the database of <paramref name="template"/>, which no connection uses any more.</summary>
    protected abstract Task<Dictionary<string, string?>> CopyAsync(Dictionary<string, string?> template);

    protected override async Task<Dictionary<string, string?>?> CreateSettingsAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!Templates.TryGetValue(Provider, out var template))
            {
                template = await CreateDatabaseAsync();
                if (template is null)
                {
                    return null;
                }

                WriteFiles(_folder);
                await using (var importer = new ApiFactory(template))
                {
                    importer.CreateClient().Dispose();
                    string[] args = ["import", "cpt", _folder, "--version", "2026"];
                    var output = new StringWriter();
                    var exit = await CommandLine.RunAsync(importer.Services, CommandLine.Find(args)!, args, new CommandConsole(output, output, interactive: false));
                    if (exit != 0)
                    {
                        throw new InvalidOperationException($"import cpt failed ({exit}): {output}");
                    }
                }

                Templates[Provider] = template;
            }

            return await CopyAsync(template);
        }
        finally
        {
            Gate.Release();
        }
    }

    public override async System.Threading.Tasks.Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The generated files, with the fragment's codes, modifiers, descriptors and flags added in the same layouts.</summary>
    private static void WriteFiles(string folder)
    {
        var generated = CptFileGenerator.Write(folder, codes: 10_000);
        var fragment = FhirJson.Deserialize<CodeSystem>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fhir-resources", "CodeSystem-cpt.json")));
        var taken = generated.Codes.Concat(generated.Modifiers).Concat(generated.Deleted).ToHashSet(StringComparer.Ordinal);
        var concepts = fragment.Concept.Where(c => !taken.Contains(c.Code!) && !Is(c, "kind", "metadata")).ToList();
        bool Flag(CodeSystem.ConceptDefinitionComponent c, string p) => c.Property.Any(x => x.Code == p && x.Value is FhirBoolean { Value: true });
        string Descriptor(CodeSystem.ConceptDefinitionComponent c, string use) => c.Designation.FirstOrDefault(d => d.Use?.Code == use)?.Value ?? "";
        var active = concepts.Where(c => !Flag(c, "modifier") && !Flag(c, "inactive")).ToList();

        Append(folder, "LONGULT.txt", active.Select(c => $"{c.Code}\t{c.Display}"));
        Append(folder, "MODUL.txt", concepts.Where(c => Flag(c, "modifier")).Select(c => $"{c.Code}\t{c.Display}"));
        Append(folder, "SHORTU.txt", active.Where(c => Descriptor(c, "short").Length > 0).Select(c => $"{c.Code} {Descriptor(c, "short")}"));
        Append(folder, "ConsumerDescriptor.txt", active.Where(c => Descriptor(c, "consumer").Length > 0).Select((c, i) => $"{1900000 + i}\t{c.Code}\t{Descriptor(c, "consumer")}"));
        Append(folder, "Telemedicine.txt", active.Where(c => Flag(c, "telemedicine")).Select(c => c.Code!));
        File.WriteAllText(Path.Combine(folder, "Orthopox.txt"), string.Join("\r\n", active.Where(c => Flag(c, "orthopox")).Select(c => c.Code).Prepend("CPT Code")) + "\r\n", Encoding.ASCII);
        Append(folder, "History.txt", concepts.Where(c => Flag(c, "inactive")).Select((c, i) => $"{4900000 + i}\t{c.Code}\t20250101\tDELETED\t{c.Display}\t"
            + string.Join(",", c.Property.Where(p => p.Code == "replaced-by").Select(p => ((Code)p.Value).Value))));
    }

    private static bool Is(CodeSystem.ConceptDefinitionComponent c, string property, string value) =>
        c.Property.Any(p => p.Code == property && p.Value is Code code && code.Value == value);

    private static void Append(string folder, string name, IEnumerable<string> lines) =>
        File.AppendAllText(Path.Combine(folder, name), string.Concat(lines.Select(l => l + "\r\n")), Encoding.ASCII);
}

public sealed class FullSizeSqliteCptFixture : FullSizeCptFixture
{
    public override string Provider => "Sqlite";

    protected override async Task<Dictionary<string, string?>?> CreateDatabaseAsync() => await TestDatabases.NewSqliteAsync();

    protected override async Task<Dictionary<string, string?>> CopyAsync(Dictionary<string, string?> template)
    {
        SqliteConnection.ClearAllPools();
        var file = Path.Combine(template["Storage:DataFolder"]!, "terminology.db");
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await cmd.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var target = Path.Combine(Path.GetTempPath(), "terminology-tests", "cpt-full-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        File.Copy(file, Path.Combine(target, "terminology.db"));
        return TestDatabases.SqliteSettings(target);
    }
}

public sealed class FullSizePostgresCptFixture : FullSizeCptFixture
{
    private string? _database;

    public override string Provider => "PostgreSql";

    protected override async Task<Dictionary<string, string?>?> CreateDatabaseAsync()
    {
        (var settings, _, var unavailable) = await TestDatabases.TryNewPostgresAsync();
        Unavailable = unavailable;
        return settings;
    }

    protected override async Task<Dictionary<string, string?>> CopyAsync(Dictionary<string, string?> template)
    {
        var admin = TestDatabases.PostgresConnectionString!;
        var source = new NpgsqlConnectionStringBuilder(template["Storage:ConnectionString"]).Database;
        NpgsqlConnection.ClearAllPools();
        _database = "tt_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_database} TEMPLATE {source}", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        return TestDatabases.PostgresSettings(admin, _database);
    }

    public override async System.Threading.Tasks.Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await TestDatabases.DropPostgresAsync(_database);
        }
    }
}
