using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using TerminologyServer.Storage;

namespace TerminologyServer.Import;

/// <summary>
/// Loads the JSON/XML resources of the shipped content folder (single resources or Bundles). Idempotent:
/// unchanged files change nothing, a changed file replaces its resource. A shipped partial code system
/// (fragment, not-present) never replaces or shadows a fuller one already stored under the same url.
/// </summary>
public sealed class ShippedContentLoader(
    ResourceStore store, ContentSources sources, NarrativeImporter narratives, ShippedCodeSystemLoader codeSystems, ILogger<ShippedContentLoader> logger)
{
    /// <summary>Subfolder of the code systems shipped as source files (see <see cref="ShippedCodeSystemLoader"/>).</summary>
    public const string CodeSystemsFolder = "code-systems";

    /// <summary>
    /// The resources of <paramref name="folder"/>, then (when <paramref name="withCodeSystems"/>) the code systems of its
    /// <c>code-systems</c> subfolder, then the procedure narratives of its <c>narratives</c> subfolder.
    /// </summary>
    public async Task<int> LoadFolderAsync(string folder, bool withCodeSystems, CancellationToken ct)
    {
        var changed = await LoadResourcesAsync(folder, ct);
        if (withCodeSystems)
        {
            changed += await codeSystems.LoadAsync(Path.Combine(folder, CodeSystemsFolder), ct);
        }

        return changed + await LoadNarrativesAsync(Path.Combine(folder, "narratives"), ct);
    }

    /// <summary>As <see cref="LoadFolderAsync(string, bool, CancellationToken)"/> without the code systems shipped as source files.</summary>
    public Task<int> LoadFolderAsync(string folder, CancellationToken ct) => LoadFolderAsync(folder, withCodeSystems: false, ct);

    /// <summary>
    /// Imports the narrative documents of a folder (after the code systems they describe). Skipped when no file
    /// changed; a document that fails is logged and the others still load.
    /// </summary>
    public async Task<int> LoadNarrativesAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var files = NarrativeImporter.Files(folder);
        var source = "narratives:" + Path.GetFullPath(folder);
        var hash = await HashAsync(folder, files, ct);
        if (await sources.IsLoadedAsync(source, hash, ct))
        {
            return 0;
        }

        var results = await narratives.ImportPathAsync(folder, ct);
        foreach (var failed in results.Where(r => r.Error is not null))
        {
            logger.LogError("Shipped narrative not loaded: {Error}", failed.Error);
        }

        if (results.All(r => r.Error is null))
        {
            await sources.MarkLoadedAsync(source, hash, ct);
        }

        var changed = results.Count(r => r.Result?.Changed == true);
        logger.LogInformation("Shipped narratives from {Folder}: {Changed} of {Count} documents created or updated.", folder, changed, results.Count);
        return changed;
    }

    private async Task<int> LoadResourcesAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Shipped content folder {Folder} does not exist; nothing loaded.", folder);
            return 0;
        }

        var files = FhirContent.ResourceFiles(folder);
        var source = "folder:" + Path.GetFullPath(folder);
        var hash = await HashAsync(folder, files, ct);
        if (await sources.IsLoadedAsync(source, hash, ct))
        {
            return 0;
        }

        var changed = 0;
        foreach (var file in files)
        {
            foreach (var (_, resource) in FhirContent.Parse(Path.GetFileName(file), await File.ReadAllBytesAsync(file, ct)))
            {
                if (await LoadAsync(resource, file, ct))
                {
                    changed++;
                }
            }
        }

        await sources.MarkLoadedAsync(source, hash, ct);
        logger.LogInformation("Shipped content from {Folder}: {Changed} resources created or updated.", folder, changed);
        return changed;
    }

    private async Task<bool> LoadAsync(Resource resource, string file, CancellationToken ct)
    {
        if (!ResourceStore.SupportedTypes.Contains(resource.TypeName))
        {
            logger.LogWarning("Skipping {Type} in {File}: not a stored resource type.", resource.TypeName, file);
            return false;
        }

        resource.Id ??= Path.GetFileNameWithoutExtension(file);
        if (resource is CodeSystem cs && await IsShadowedAsync(cs, ct))
        {
            logger.LogInformation("Keeping the stored {Url}: it is fuller than the shipped {Content} in {File}.", cs.Url, cs.Content, file);
            return false;
        }

        return await store.SaveAsync(resource, ct) != WriteOutcome.Unchanged;
    }

    private async Task<bool> IsShadowedAsync(CodeSystem shipped, CancellationToken ct)
    {
        if (shipped.Content == CodeSystemContentMode.Complete || shipped.Url is null)
        {
            return false;
        }

        var count = ResourceStore.CountConcepts(shipped.Concept);
        var stored = await store.FindByUrlAsync("CodeSystem", shipped.Url, ct);
        // The same id with partial content is our own earlier shipment: a changed file replaces it.
        return stored.Any(e =>
            (e.Content is "complete" && e.ConceptCount > 0)
            || (e.LogicalId != shipped.Id && (e.Version == shipped.Version || e.ConceptCount > count)));
    }

    private static async Task<string> HashAsync(string folder, IReadOnlyList<string> files, CancellationToken ct)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file) + "\n"));
            sha.AppendData(await File.ReadAllBytesAsync(file, ct));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
