using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Xunit.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace TerminologyServer.Api.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so the deployment files are checked statically: the compose file with
/// <c>docker-compose config</c>, the Dockerfile's COPY sources against the repository, and the shipped CPT fragment.
/// </summary>
public sealed class DeploymentFilesTests
{
    private const string ComposeFileName = "docker-compose.yml";
    private const string CptFragmentPath = "fhir-resources/CodeSystem-cpt.json";
    private const string DeletedCode = "72275";

    private static readonly string RepoRoot = FindRepoRoot();
    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    [SkippableFact]
    public async Task GivenComposeFile_WhenDockerComposeConfigRuns_ThenItIsValidWithServerAndSqlServer()
    {
        var dockerCompose = FindOnPath("docker-compose");
        if (dockerCompose is null)
        {
            Assert.False(InCi, "docker-compose is not installed; under CI=true it must be (.ci/run installs the Debian package).");
            Skip.If(true, "docker-compose is not installed: compose validation not run (apt-get install docker-compose).");
        }

        var config = await RunAsync(dockerCompose, "-f", ComposeFileName, "config");
        var services = await RunAsync(dockerCompose, "-f", ComposeFileName, "config", "--services");

        Assert.True(config.ExitCode == 0, $"docker-compose config failed:\n{config.StdErr}\n{config.StdOut}");
        Assert.True(services.ExitCode == 0, $"docker-compose config --services failed:\n{services.StdErr}");
        var names = services.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(new[] { "db", "terminology-server" }, names.Order(StringComparer.Ordinal));
        Assert.Contains("mcr.microsoft.com/mssql/server:2022-latest", config.StdOut);
        Assert.Contains("Storage__Provider: SqlServer", config.StdOut);
        Assert.Contains("Storage__ConnectionString: Server=db,1433;", config.StdOut);
        Assert.Contains("condition: service_healthy", config.StdOut);
        Assert.Matches(@"published: ""?5000""?\n", config.StdOut);
        Assert.Matches(@"target: ""?8080""?\n", config.StdOut);
    }

    [Fact]
    public void GivenComposeFile_WhenReadingItsBuildSection_ThenContextAndDockerfileExistInRepo()
    {
        var (context, dockerfile) = ReadComposeBuild();

        Assert.True(Directory.Exists(context), $"compose build context '{context}' does not exist");
        Assert.True(File.Exists(dockerfile), $"compose dockerfile '{dockerfile}' does not exist");
        Assert.Equal(Path.GetFullPath(RepoRoot), Path.GetFullPath(context));
    }

    [Fact]
    public void GivenDockerfile_WhenReadingCopySources_ThenEachExistsInTheBuildContextAndIsNotDockerignored()
    {
        var (context, dockerfile) = ReadComposeBuild();
        var instructions = ReadDockerfileInstructions(dockerfile);
        var ignore = ReadDockerignore(context);

        var sources = instructions
            .Where(i => i.Keyword is "COPY" or "ADD")
            .Select(i => ParseCopySources(i.Arguments))
            .Where(s => s is not null)
            .SelectMany(s => s!)
            .ToList();

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.True(ExistsInContext(context, source), $"Dockerfile COPY source '{source}' is not in the build context");
            Assert.False(ignore.Any(r => IsExcluded(r, source)), $"Dockerfile COPY source '{source}' is excluded by .dockerignore");
        }

        Assert.Contains("fhir-resources", sources);
        foreach (var props in Directory.EnumerateFiles(context, "Directory.*.props").Select(Path.GetFileName))
        {
            Assert.True(sources.Any(s => IsUnder(props!, s)), $"{props} must be copied into the build stage");
        }

        var projects = instructions.Where(i => i.Keyword == "RUN")
            .SelectMany(i => Regex.Matches(i.Arguments, @"[\w./-]+\.csproj").Select(m => m.Value))
            .ToList();
        Assert.NotEmpty(projects);
        foreach (var project in projects)
        {
            Assert.True(File.Exists(Path.Combine(context, project)), $"Dockerfile builds '{project}', which does not exist");
            Assert.True(sources.Any(s => IsUnder(project, s)), $"'{project}' is built but never copied into the image");
        }

        var images = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments.Split(' ')[0]).ToList();
        Assert.Equal(new[] { "mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0" }, images);
    }

    [Fact]
    public void GivenShippedCptFragment_WhenParsedStrictlyWithFirely_ThenItIsAFragmentOfRealCptWithInactive72275()
    {
        var json = File.ReadAllText(Path.Combine(RepoRoot, CptFragmentPath));

        var cs = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict)).Deserialize<CodeSystem>(json);

        Assert.Equal("cpt", cs.Id);
        Assert.Equal("http://www.ama-assn.org/go/cpt", cs.Url);
        Assert.Equal("2025", cs.Version);
        Assert.Equal(CodeSystemContentMode.Fragment, cs.Content);
        Assert.True(cs.CaseSensitive);
        Assert.Contains("American Medical Association", cs.Copyright);
        Assert.True(cs.Concept.Count >= 25, $"only {cs.Concept.Count} concepts");
        Assert.Equal(cs.Concept.Count, cs.Concept.Select(c => c.Code).Distinct().Count());

        var declared = cs.Property.Select(p => p.Code ?? "").ToHashSet();
        Assert.Superset(new HashSet<string> { "modifier", "modified", "kind", "telemedicine", "orthopox", "status", "inactive", "replaced-by" }, declared);
        var codes = cs.Concept.Select(c => c.Code).ToHashSet();
        foreach (var concept in cs.Concept)
        {
            Assert.False(string.IsNullOrWhiteSpace(concept.Display), $"{concept.Code} has no display");
            Assert.Subset(declared, concept.Property.Select(p => p.Code ?? "").ToHashSet());
            Assert.IsType<FhirBoolean>(Property(concept, "modifier"));
            Assert.IsType<FhirBoolean>(Property(concept, "modified"));
            Assert.IsType<Code>(Property(concept, "kind"));
            Assert.All(Properties(concept, "replaced-by"), v => Assert.Contains(((Code)v).Value, codes));
        }

        var deleted = Assert.Single(cs.Concept, c => c.Code == DeletedCode);
        Assert.Equal("Epidurography, radiological supervision and interpretation", deleted.Display);
        Assert.True(((FhirBoolean)Property(deleted, "inactive")!).Value);
        Assert.Equal("retired", ((Code)Property(deleted, "status")!).Value);
        var successors = Properties(deleted, "replaced-by").Select(v => ((Code)v).Value).ToList();
        Assert.Contains("62321", successors);
        Assert.Contains("62323", successors);
        Assert.All(cs.Concept.Where(c => IsTrue(c, "modifier")), c => Assert.Contains(((Code)Property(c, "kind")!).Value, new[] { "general", "hcpcs", "cat-1", "cat-2", "physical-status" }));
    }

    [SkippableFact]
    public void GivenShippedCptFragment_WhenComparedWithThe2025FeeSchedule_ThenActiveCodesAreListedAnd72275IsNot()
    {
        var mpfs = FindSharedFile("data/mpfs/pprrvu2025_oct_codes_no_descriptors.csv.gz");
        if (mpfs is null)
        {
            Assert.False(InCi, "shared/data/mpfs is missing; under CI=true ../shared must be beside the repository.");
            Skip.If(true, "shared/data/mpfs not found beside the repository: fee-schedule cross-check not run.");
        }

        var scheduled = ReadFeeScheduleCodes(mpfs);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot, CptFragmentPath)));
        var procedures = doc.RootElement.GetProperty("concept").EnumerateArray()
            .Where(c => !c.GetProperty("property").EnumerateArray()
                .Any(p => p.GetProperty("code").GetString() == "modifier" && p.GetProperty("valueBoolean").GetBoolean()))
            .Where(c => !c.GetProperty("property").EnumerateArray() // a metadata concept (range heading) is not a code
                .Any(p => p.GetProperty("code").GetString() == "kind" && p.GetProperty("valueCode").GetString() == "metadata"))
            .Select(c => c.GetProperty("code").GetString()!)
            .ToList();

        Assert.DoesNotContain(DeletedCode, scheduled);
        Assert.All(procedures.Where(c => c != DeletedCode), c => Assert.Contains(c, scheduled));
    }

    private static HashSet<string> ReadFeeScheduleCodes(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            codes.Add(line.Split(',')[1]);
        }

        return codes;
    }

    private static DataType? Property(CodeSystem.ConceptDefinitionComponent concept, string code) =>
        Properties(concept, code).SingleOrDefault();

    private static IEnumerable<DataType> Properties(CodeSystem.ConceptDefinitionComponent concept, string code) =>
        concept.Property.Where(p => p.Code == code).Select(p => p.Value);

    private static bool IsTrue(CodeSystem.ConceptDefinitionComponent concept, string code) =>
        Property(concept, code) is FhirBoolean { Value: true };

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TerminologyServer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TerminologyServer.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Finds a file of the <c>shared/</c> folder that sits beside the clone (or beside a folder above a worktree).</summary>
    private static string? FindSharedFile(string relative)
    {
        for (var dir = Directory.GetParent(RepoRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within 60 s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Reads <c>build:</c> of the compose file (short form or context/dockerfile keys); paths are made absolute.</summary>
    private static (string Context, string Dockerfile) ReadComposeBuild()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, ComposeFileName));
        var at = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^\s+build:"));
        Assert.True(at >= 0, $"{ComposeFileName} has no service with a build section");

        var inline = YamlValue(lines[at]);
        string context = inline, dockerfile = "Dockerfile";
        if (inline.Length == 0)
        {
            var indent = lines[at].Length - lines[at].TrimStart().Length;
            foreach (var line in lines.Skip(at + 1).TakeWhile(l => l.Trim().Length == 0 || l.Length - l.TrimStart().Length > indent))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("context:", StringComparison.Ordinal))
                {
                    context = YamlValue(line);
                }
                else if (trimmed.StartsWith("dockerfile:", StringComparison.Ordinal))
                {
                    dockerfile = YamlValue(line);
                }
            }
        }

        Assert.False(string.IsNullOrEmpty(context), "the compose build section names no context");
        var contextPath = Path.GetFullPath(Path.Combine(RepoRoot, context));
        return (contextPath, Path.Combine(contextPath, dockerfile));
    }

    private static string YamlValue(string line) => line[(line.IndexOf(':') + 1)..].Trim().Trim('"', '\'');

    private static List<(string Keyword, string Arguments)> ReadDockerfileInstructions(string dockerfile)
    {
        var joined = Regex.Replace(File.ReadAllText(dockerfile).Replace("\r", ""), @"\\\n", " ");
        return joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? Regex.Replace(p[1], @"\s+", " ") : ""))
            .ToList();
    }

    /// <summary>The sources of a COPY/ADD from the build context, or null when it copies from another stage.</summary>
    private static IReadOnlyList<string>? ParseCopySources(string arguments)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var flags = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (flags.Any(f => f.StartsWith("--from=", StringComparison.Ordinal)))
        {
            return null;
        }

        var rest = string.Join(' ', words.Skip(flags.Count));
        var paths = rest.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(rest)! : rest.Split(' ');
        Assert.True(paths.Length >= 2, $"COPY/ADD needs a source and a destination: '{arguments}'");
        return paths[..^1].Select(NormalizeContextPath).ToList();
    }

    private static string NormalizeContextPath(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p.Trim('/');
    }

    private static bool ExistsInContext(string context, string source)
    {
        if (source.IndexOfAny(['*', '?']) < 0)
        {
            var full = Path.Combine(context, source);
            return File.Exists(full) || Directory.Exists(full);
        }

        var dir = Path.Combine(context, Path.GetDirectoryName(source) ?? "");
        return Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir, Path.GetFileName(source)).Any();
    }

    private static bool IsUnder(string path, string source) =>
        source.Length == 0 || path == source || path.StartsWith(source + "/", StringComparison.Ordinal);

    private static List<Regex> ReadDockerignore(string context)
    {
        var file = Path.Combine(context, ".dockerignore");
        if (!File.Exists(file))
        {
            return [];
        }

        return File.ReadAllLines(file)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('!'))
            .Select(l => new Regex("^" + GlobToRegex(NormalizeContextPath(l)) + "$"))
            .ToList();
    }

    private static string GlobToRegex(string glob) =>
        Regex.Escape(glob)
            .Replace(@"\*\*/", "(.*/)?")
            .Replace(@"\*\*", ".*")
            .Replace(@"\*", "[^/]*")
            .Replace(@"\?", "[^/]");

    /// <summary>A source is excluded when the pattern matches it or one of the folders that contain it.</summary>
    private static bool IsExcluded(Regex pattern, string source)
    {
        var segments = source.Split('/');
        return Enumerable.Range(1, segments.Length).Any(n => pattern.IsMatch(string.Join('/', segments.Take(n))));
    }
}
