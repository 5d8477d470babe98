using System.IO.Compression;
using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using TerminologyServer.Storage;

namespace TerminologyServer.Import;

/// <summary>
/// Loads the terminology of the FHIR R4 specification (every CodeSystem, ValueSet and ConceptMap in the
/// <c>specification.zip</c> of Hl7.Fhir.Specification.Data.R4) through the ordinary store, resource by resource.
/// The official bundles fail strict parsing (whitespace in attributes, bad uri literals), so they are read in
/// recoverable mode. Skipped entirely when the zip is the one already loaded.
/// </summary>
public sealed class FhirCoreContentLoader(ResourceStore store, ContentSources sources, ILogger<FhirCoreContentLoader> logger)
{
    public const string SourceName = "fhir-r4-core";

    private static readonly string[] Bundles = ["v3-codesystems.xml", "v2-tables.xml", "valuesets.xml", "conceptmaps.xml"];
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "CodeSystem", "ValueSet", "ConceptMap" };

    public async Task<int> LoadAsync(string zipPath, CancellationToken ct)
    {
        if (!File.Exists(zipPath))
        {
            logger.LogWarning("FHIR core terminology not loaded: {Zip} does not exist.", zipPath);
            return 0;
        }

        string hash;
        await using (var file = File.OpenRead(zipPath))
        {
            hash = Convert.ToHexString(await SHA256.HashDataAsync(file, ct));
        }

        if (await sources.IsLoadedAsync(SourceName, hash, ct))
        {
            return 0;
        }

        var started = DateTime.UtcNow;
        var seen = new HashSet<(string, string)>();
        int changed = 0, total = 0;
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var name in Bundles)
        {
            var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{zipPath} has no {name}.");
            byte[] bytes;
            await using (var stream = entry.Open())
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, ct);
                bytes = buffer.ToArray();
            }

            foreach (var (_, resource) in FhirContent.Parse(name, bytes, recoverable: true))
            {
                // The same resource may appear in two bundles (valuesets.xml repeats some v3 code systems): first one wins.
                if (!Types.Contains(resource.TypeName) || resource.Id is null || !seen.Add((resource.TypeName, resource.Id)))
                {
                    continue;
                }

                total++;
                if (await store.SaveAsync(resource, ct) != WriteOutcome.Unchanged)
                {
                    changed++;
                }
            }
        }

        await sources.MarkLoadedAsync(SourceName, hash, ct);
        logger.LogInformation("FHIR R4 core terminology: {Total} resources, {Changed} created or updated, in {Seconds:F1} s.",
            total, changed, (DateTime.UtcNow - started).TotalSeconds);
        return changed;
    }
}
