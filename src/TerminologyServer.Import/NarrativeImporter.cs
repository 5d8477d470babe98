using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Narratives;
using TerminologyServer.Storage;

namespace TerminologyServer.Import;

/// <summary>What importing one document did.</summary>
public sealed record NarrativeImportResult(string Source, string System, string Code, CodeSystem Supplement, WriteOutcome SupplementOutcome, PlanDefinition PlanDefinition, WriteOutcome PlanDefinitionOutcome)
{
    public bool Changed => SupplementOutcome != WriteOutcome.Unchanged || PlanDefinitionOutcome != WriteOutcome.Unchanged;
}

/// <summary>One line of a folder import: the result, or the error that kept the document out.</summary>
public sealed record NarrativeFileResult(string File, NarrativeImportResult? Result, string? Error);

/// <summary>
/// Imports narrative documents: parse, find the concept (code line or title), then write the concept of the code
/// system's narrative supplement and the procedure's PlanDefinition in one transaction. The supplement is read,
/// changed and written back with a version check, retried when another writer got there first. Re-importing the
/// same document changes nothing.
/// </summary>
public sealed class NarrativeImporter(ResourceStore store, CodeSystemRegistry registry, IOptions<NarrativeOptions> options)
{
    private const int Attempts = 3;

    // One import at a time per process: the version check catches writers in other processes (the command line
    // next to a server), this keeps concurrent requests of one server from racing on the shared supplement.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly Dictionary<string, (CodeSystemIndex Index, string Id)> _systems = new(StringComparer.Ordinal);

    public long MaxDocumentBytes => options.Value.MaxDocumentBytes;

    /// <summary>Imports a document given as bytes (a file or a request body): size, UTF-8 and format checked.</summary>
    public async Task<NarrativeImportResult> ImportAsync(byte[] bytes, string source, CancellationToken ct)
    {
        var text = NarrativeParser.Decode(bytes, source, options.Value.MaxDocumentBytes);
        return await ImportAsync(NarrativeParser.Parse(text, source), ct);
    }

    public async Task<NarrativeImportResult> ImportAsync(NarrativeDocument doc, CancellationToken ct)
    {
        var (cs, csId) = await CodeSystemAsync(doc, ct);
        var concept = NarrativeResolver.Resolve(doc, cs);
        var supplementId = NarrativeProperties.SupplementId(csId);
        var plan = NarrativePlanDefinition.Build(doc, csId, cs.Url, concept.Code, concept.Display);
        var entry = NarrativeMapper.ToConcept(doc, concept.Code, NarrativeProperties.PlanDefinitionUrl(csId, concept.Code));
        await Gate.WaitAsync(ct);
        try
        {
            return await WriteAsync(doc, cs, csId, supplementId, plan, entry, ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<NarrativeImportResult> WriteAsync(NarrativeDocument doc, CodeSystemIndex cs, string csId, string supplementId, PlanDefinition plan,
        CodeSystem.ConceptDefinitionComponent entry, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.ReadAsync("CodeSystem", supplementId, false, ct) as CodeSystem;
            var version = existing?.Meta?.VersionId is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var supplement = NarrativeMapper.MergeIntoSupplement(existing, csId, cs.Url, cs.Info.Title, entry);
            try
            {
                var outcomes = await store.SaveAllAsync([new ResourceWrite(supplement, version), new ResourceWrite(plan)], ct);
                return new NarrativeImportResult(doc.Source, cs.Url, entry.Code!, supplement, outcomes[0], plan, outcomes[1]);
            }
            catch (ResourceVersionConflictException) when (attempt < Attempts)
            {
                // Another import changed the supplement between our read and our write: read it again.
            }
        }
    }

    /// <summary>Imports every <c>.txt</c> and <c>.md</c> file of a folder (or one file); a failed document does not stop the others.</summary>
    public async Task<List<NarrativeFileResult>> ImportPathAsync(string path, CancellationToken ct)
    {
        var files = File.Exists(path) ? [path] : Files(path);
        var results = new List<NarrativeFileResult>(files.Count);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            try
            {
                var info = new FileInfo(file);
                if (info.Length > options.Value.MaxDocumentBytes)
                {
                    // Checked before reading, so a huge file is never loaded into memory.
                    throw NarrativeParser.TooLarge(name, info.Length, options.Value.MaxDocumentBytes);
                }

                results.Add(new NarrativeFileResult(file, await ImportAsync(await File.ReadAllBytesAsync(file, ct), name, ct), null));
            }
            catch (Engine.TerminologyException e)
            {
                results.Add(new NarrativeFileResult(file, null, e.Message));
            }
        }

        return results;
    }

    /// <summary>The narrative documents of a folder, in name order.</summary>
    public static List<string> Files(string folder) => Directory.EnumerateFiles(folder)
        .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The code system a document is about: the in-memory index when the server has one, else built from storage
    /// (command-line verbs and start-up run before the indexes are loaded). The fullest stored version wins.
    /// </summary>
    private async Task<(CodeSystemIndex Index, string Id)> CodeSystemAsync(NarrativeDocument doc, CancellationToken ct)
    {
        if (_systems.TryGetValue(doc.System, out var cached))
        {
            return cached;
        }

        var found = registry.Find(doc.System) is { } index && registry.ByKey.FirstOrDefault(kv => ReferenceEquals(kv.Value, index)).Key is { } key
            ? (index, key)
            : await LoadAsync(doc, ct);
        var result = (found.Item1, NarrativeProperties.CodeSystemId(doc.System, found.Item2));
        _systems[doc.System] = result;
        return result;
    }

    private async Task<(CodeSystemIndex, string)> LoadAsync(NarrativeDocument doc, CancellationToken ct)
    {
        var stored = await store.FindByUrlAsync("CodeSystem", doc.System, ct);
        var entity = stored.Where(e => e.Content != "supplement")
            .OrderByDescending(e => e.Content == "complete")
            .ThenByDescending(e => e.ConceptCount)
            .ThenByDescending(e => e.Version, VersionComparer.Instance)
            .FirstOrDefault() ?? throw new NarrativeException(OperationOutcome.IssueType.NotFound, "NARRATIVE_UNKNOWN_SYSTEM", doc.Source, 0,
                $"The code system {doc.System} is not loaded, so the document cannot be matched to a code.");
        return (await CodeSystemIndexLoader.LoadAsync(store, entity, 0, ct), entity.LogicalId);
    }
}
