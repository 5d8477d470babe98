using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TerminologyServer.Storage;

namespace TerminologyServer.Import;

/// <summary>
/// Imports the code systems shipped as source files (ICD-10-CM, ICD-10-PCS, HCPCS Level II) with the same import
/// kinds as the command line. Each subfolder of <c>code-systems/</c> is named after its import kind and holds the
/// source files with an <c>import.args</c> file: the arguments the command line's <c>import &lt;kind&gt;</c> would
/// take (file names relative to the folder, <c>--version</c>, the kind's options). A folder whose files and arguments
/// hash as when it was last imported is skipped without being read, so only the first start pays for the import.
/// </summary>
public sealed class ShippedCodeSystemLoader(IServiceProvider services, ContentSources sources, ILogger<ShippedCodeSystemLoader> logger)
{
    public const string ArgsFile = "import.args";

    /// <summary>Imports every kind folder under <paramref name="folder"/>; returns how many code systems were imported anew.</summary>
    public async Task<int> LoadAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var imported = 0;
        foreach (var kindFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (await LoadKindFolderAsync(kindFolder, ct))
            {
                imported++;
            }
        }

        return imported;
    }

    private async Task<bool> LoadKindFolderAsync(string folder, CancellationToken ct)
    {
        var name = Path.GetFileName(folder);
        var argsPath = Path.Combine(folder, ArgsFile);
        if (ImportKinds.Find(name) is not CodeSystemImportKind kind || !File.Exists(argsPath))
        {
            logger.LogWarning("Skipping {Folder}: not an import kind folder (a code system kind's name with an {Args} file).", folder, ArgsFile);
            return false;
        }

        ImportRequest request;
        try
        {
            request = ParseArgs(kind, folder, await File.ReadAllTextAsync(argsPath, ct));
        }
        catch (ImportException e)
        {
            logger.LogError("Shipped code system in {Folder} not loaded: {Error}", folder, e.Message);
            return false;
        }

        var inputs = request.Files.Concat(kind.Options.Where(o => o.IsFile).Select(o => request.Option(o.Name)).OfType<string>()).ToList();
        var missing = inputs.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null)
        {
            logger.LogError("Shipped code system in {Folder} not loaded: {File} does not exist.", folder, missing);
            return false;
        }

        var source = "codesystem:" + Path.GetFullPath(folder);
        var hash = SourceFiles.Hash(inputs, name + "|" + await File.ReadAllTextAsync(argsPath, ct));
        if (await sources.IsLoadedAsync(source, hash, ct))
        {
            logger.LogInformation("Shipped {Kind} in {Folder}: unchanged since it was imported, skipped.", name, folder);
            return false;
        }

        var size = inputs.Sum(f => new FileInfo(f).Length);
        logger.LogInformation("Importing the shipped {Kind} from {Folder} ({Size:N1} MB of compressed source files); this happens once.", name, folder, size / 1e6);
        var started = Stopwatch.StartNew();
        var progress = new ImportProgress();
        var reporter = new LogProgress(logger, name, progress);
        try
        {
            var import = ImportRunner.Open(kind, request);
            using var ticker = new Timer(_ => reporter.Report(), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
            var (result, elapsed) = await ImportRunner.RunAsync(import, services, progress, ct);
            logger.LogInformation("Shipped {Kind}: {Result}", name, result.Describe(elapsed));
        }
        catch (Engine.TerminologyException e)
        {
            // The server still starts without it; the next start tries again (nothing was marked as loaded).
            logger.LogError("Shipped {Kind} from {Folder} not imported after {Seconds:0.0} s: {Error}", name, folder, started.Elapsed.TotalSeconds, e.Message);
            return false;
        }

        await sources.MarkLoadedAsync(source, hash, ct);
        return true;
    }

    /// <summary>
    /// The arguments of <c>import &lt;kind&gt;</c> as the command line takes them: input files, <c>--version v</c>
    /// and the kind's options; file names are relative to the kind folder. Lines starting with <c>#</c> are comments.
    /// </summary>
    public static ImportRequest ParseArgs(ImportKind kind, string folder, string text)
    {
        var words = text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        var files = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? version = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (!words[i].StartsWith("--", StringComparison.Ordinal))
            {
                files.Add(Path.Combine(folder, words[i]));
                continue;
            }

            var option = words[i][2..];
            if (i + 1 >= words.Count)
            {
                throw new ImportException($"{ArgsFile}: --{option} needs a value.");
            }

            var value = words[++i];
            if (option == "version")
            {
                version = value;
            }
            else if (kind.Options.FirstOrDefault(o => o.Name == option) is { } known)
            {
                options[option] = known.IsFile ? Path.Combine(folder, value) : value;
            }
            else
            {
                throw new ImportException($"{ArgsFile}: import {kind.Name} has no option --{option}.");
            }
        }

        if (files.Count == 0 || files.Count > kind.MaxFiles)
        {
            throw new ImportException($"{ArgsFile}: import {kind.Name} takes {kind.Input}; found {files.Count} input files.");
        }

        return new ImportRequest(files, version, options);
    }

    /// <summary>One log line every few seconds while a long import runs: input read (compressed bytes) and concepts written.</summary>
    private sealed class LogProgress(ILogger logger, string kind, ImportProgress progress)
    {
        public void Report()
        {
            var position = progress.Position;
            var percent = position.TotalBytes > 0 ? 100.0 * position.Bytes / position.TotalBytes : 0;
            logger.LogInformation("Importing the shipped {Kind}: {Percent:0}% of the compressed input read ({Lines:N0} lines), {Written:N0} concepts written.",
                kind, percent, position.Lines, progress.Written);
        }
    }
}
