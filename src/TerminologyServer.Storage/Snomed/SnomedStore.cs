using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TerminologyServer.Engine.Snomed;
using TerminologyServer.Import;
using TerminologyServer.Import.Snomed;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage.Snomed;

/// <summary>What a SNOMED CT import did.</summary>
public sealed record SnomedImportSummary(string Uri, WriteOutcome Outcome, int Concepts, int Descriptions, int Relationships, int RefsetMembers);

/// <summary>
/// Stores SNOMED CT editions: the RF2 snapshot files of a release, read and checked whole first (a bad line stops
/// the import before anything is written), then written compressed in one transaction with the edition row and a
/// change row (<c>SnomedEdition</c>), so every server process loads the new version and none sees half of it. Each
/// version URI is its own row: editions and versions live side by side; importing a version again replaces it.
/// </summary>
public sealed class SnomedStore(TerminologyDbContext db, TimeProvider clock)
{
    /// <summary>The change-row resource type of an edition (its logical id is the version URI).</summary>
    public const string ChangeType = "SnomedEdition";

    /// <summary>The largest compressed piece of a file in one row (PostgreSQL and SQLite handle far more; this keeps rows modest).</summary>
    public const int ChunkBytes = 8 << 20;

    /// <summary>Reads, checks and stores <paramref name="release"/>. Throws <see cref="ImportException"/> for a bad release (nothing stored).</summary>
    public async Task<SnomedImportSummary> ImportAsync(SnomedRelease release, ImportPosition? position = null, CancellationToken ct = default)
    {
        var edition = release.Read(position, ct);
        var uri = edition.Version.ToString();
        var files = release.Files.Where(f => f.Kind != Rf2Kind.Skipped).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var hash = Hash(files);
        var members = edition.Refsets.ToArray().Sum(r => edition.Members(r).Length);
        var summary = new SnomedImportSummary(uri, WriteOutcome.Created, edition.Count, edition.DescriptionCount, edition.RelationshipCount, members);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var existing = await db.SnomedEditions.FirstOrDefaultAsync(e => e.Uri == uri, ct);
            if (existing is not null && existing.ContentHash == hash)
            {
                return summary with { Outcome = WriteOutcome.Unchanged };
            }

            if (existing is not null)
            {
                await db.SnomedFileChunks.Where(c => c.EditionKey == existing.Key).ExecuteDeleteAsync(ct);
                db.SnomedEditions.Remove(existing);
                await db.SaveChangesAsync(ct);
            }

            var row = new SnomedEditionEntity
            {
                Uri = uri, ModuleId = edition.Version.Module, EffectiveTime = edition.Version.EffectiveTime ?? 0, ContentHash = hash,
                Concepts = edition.Count, Descriptions = edition.DescriptionCount, Relationships = edition.RelationshipCount, RefsetMembers = members,
                ImportedAt = clock.GetUtcNow(),
            };
            db.SnomedEditions.Add(row);
            await db.SaveChangesAsync(ct);
            for (var n = 0; n < files.Count; n++)
            {
                var seq = 0;
                foreach (var chunk in Compress(files[n]))
                {
                    db.SnomedFileChunks.Add(new SnomedFileChunkEntity { EditionKey = row.Key, FileNo = n, Seq = seq++, Path = files[n].Path, Data = chunk });
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                }
            }

            db.Changes.Add(new ChangeEntity { ResourceType = ChangeType, LogicalId = uri, ResourceKey = row.Key, At = row.ImportedAt });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return summary with { Outcome = existing is null ? WriteOutcome.Created : WriteOutcome.Updated };
        });
    }

    /// <summary>The version URIs of the stored editions.</summary>
    public Task<List<string>> UrisAsync(CancellationToken ct = default) => db.SnomedEditions.AsNoTracking().Select(e => e.Uri).ToListAsync(ct);

    /// <summary>Loads the stored edition <paramref name="uri"/> into its in-memory index; null when it is not stored.</summary>
    public async Task<SnomedEdition?> LoadAsync(string uri, CancellationToken ct = default)
    {
        var row = await db.SnomedEditions.AsNoTracking().FirstOrDefaultAsync(e => e.Uri == uri, ct);
        if (row is null)
        {
            return null;
        }

        var heads = await db.SnomedFileChunks.AsNoTracking().Where(c => c.EditionKey == row.Key && c.Seq == 0)
            .Select(c => new { c.FileNo, c.Path }).OrderBy(c => c.FileNo).ToListAsync(ct);
        var files = new List<Rf2File>();
        foreach (var head in heads)
        {
            var kind = Rf2Files.Kind(Path.GetFileName(head.Path)) ?? throw new InvalidOperationException($"Stored file {head.Path} is not RF2.");
            var chunks = await db.SnomedFileChunks.AsNoTracking().Where(c => c.EditionKey == row.Key && c.FileNo == head.FileNo)
                .OrderBy(c => c.Seq).Select(c => c.Data).ToListAsync(ct);
            var compressed = new byte[chunks.Sum(c => c.Length)];
            var at = 0;
            foreach (var c in chunks)
            {
                c.CopyTo(compressed, at);
                at += c.Length;
            }

            files.Add(new Rf2File(head.Path, kind.Kind!.Value, compressed.Length, () => new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress)) { Pattern = kind.Pattern });
        }

        var result = Rf2Reader.Read(files, null, ct);
        return result.Builder.Build(SnomedVersion.TryParse(uri, out var version, out _) ? version : throw new InvalidOperationException($"Stored edition URI {uri} is not valid."));
    }

    private static string Hash(IEnumerable<Rf2File> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var f in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(f.Path + "\n"));
            using var s = f.Open();
            int n;
            while ((n = s.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, n);
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static IEnumerable<byte[]> Compress(Rf2File file)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        using (var source = file.Open())
        {
            source.CopyTo(gzip);
        }

        var all = compressed.GetBuffer();
        var length = (int)compressed.Length;
        for (var at = 0; at < length; at += ChunkBytes)
        {
            yield return all.AsSpan(at, Math.Min(ChunkBytes, length - at)).ToArray();
        }
    }
}
