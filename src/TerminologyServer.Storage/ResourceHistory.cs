using System.IO.Compression;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage;

/// <summary>One version in a resource's history: its content (null when it is a deletion) and when it was made.</summary>
public sealed record HistoryEntry(string ResourceType, string LogicalId, int VersionId, DateTimeOffset LastUpdated, bool Deleted, Resource? Resource);

/// <summary>
/// Every version of every resource (<see href="https://hl7.org/fhir/R4/http.html#history"/>). The current version is
/// the <see cref="ResourceEntity"/> row; when a write replaces or deletes it, the version as it was is archived
/// whole here first (a CodeSystem with its concepts, as gzip-compressed JSON: old versions are read rarely, and a
/// blob costs a tenth of keeping every version's concept rows), and a deletion leaves a marker so that a read
/// can answer 410 Gone. <c>Storage:HistoryVersions</c> bounds how many old versions of a resource are kept.
/// </summary>
public static class ResourceHistory
{
    /// <summary>Archives the stored version of <paramref name="current"/> (tracked, about to change) before it is replaced or deleted.</summary>
    internal static async System.Threading.Tasks.Task ArchiveAsync(TerminologyDbContext db, ResourceEntity current, int? keep, CancellationToken ct)
    {
        if (keep is 0)
        {
            return;
        }

        var json = current.Json;
        if (current.ResourceType == "CodeSystem" && current.ConceptCount > 0)
        {
            var cs = FhirJson.Deserialize<CodeSystem>(json);
            cs.Concept = (await new ResourceStore(db, TimeProvider.System).LoadConceptRowsAsync(current.Key, ct)).ToFhir();
            json = FhirJson.Serialize(cs);
        }

        db.ResourceHistory.Add(new ResourceHistoryEntity
        {
            ResourceType = current.ResourceType, LogicalId = current.LogicalId, VersionId = current.VersionId, LastUpdated = current.LastUpdated,
            Content = Compress(json),
        });
        if (keep is { } k)
        {
            // The newest k old versions stay (the one archived now among them); deletion markers are kept.
            await db.ResourceHistory
                .Where(h => h.ResourceType == current.ResourceType && h.LogicalId == current.LogicalId && !h.Deleted && h.VersionId <= current.VersionId - k)
                .ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Records that <paramref name="deleted"/> was deleted: the marker is the version after the last one.</summary>
    internal static void AddDeletion(TerminologyDbContext db, ResourceEntity deleted, DateTimeOffset at) =>
        db.ResourceHistory.Add(new ResourceHistoryEntity
        {
            ResourceType = deleted.ResourceType, LogicalId = deleted.LogicalId, VersionId = deleted.VersionId + 1, LastUpdated = at, Deleted = true,
        });

    /// <summary>The highest version in the history of a resource (0 when there is none): a resource created again after a deletion continues from it.</summary>
    internal static async Task<int> LastVersionAsync(TerminologyDbContext db, string type, string id, CancellationToken ct) =>
        await db.ResourceHistory.Where(h => h.ResourceType == type && h.LogicalId == id).MaxAsync(h => (int?)h.VersionId, ct) ?? 0;

    /// <summary>When the resource was deleted and not created again, the time of its deletion; otherwise null.</summary>
    public static async Task<DateTimeOffset?> DeletedAtAsync(TerminologyDbContext db, string type, string id, CancellationToken ct = default)
    {
        if (await db.Resources.AnyAsync(r => r.ResourceType == type && r.LogicalId == id, ct))
        {
            return null;
        }

        var last = await db.ResourceHistory.AsNoTracking().Where(h => h.ResourceType == type && h.LogicalId == id)
            .OrderByDescending(h => h.VersionId).FirstOrDefaultAsync(ct);
        return last is { Deleted: true } ? last.LastUpdated : null;
    }

    /// <summary>An old version (or deletion marker) of a resource, or null when it is not kept.</summary>
    public static async Task<HistoryEntry?> ReadVersionAsync(TerminologyDbContext db, string type, string id, int version, CancellationToken ct = default)
    {
        var row = await db.ResourceHistory.AsNoTracking()
            .FirstOrDefaultAsync(h => h.ResourceType == type && h.LogicalId == id && h.VersionId == version, ct);
        return row is null ? null : ToEntry(row);
    }

    /// <summary>
    /// Old versions and deletions, newest first: of one resource (<paramref name="id"/>), one type, or all
    /// (<paramref name="type"/> null), changed at or after <paramref name="since"/>; at most <paramref name="take"/>.
    /// </summary>
    public static async Task<List<HistoryEntry>> ListAsync(TerminologyDbContext db, string? type, string? id, DateTimeOffset? since, int take, CancellationToken ct = default)
    {
        var q = db.ResourceHistory.AsNoTracking();
        if (type is not null) q = q.Where(h => h.ResourceType == type);
        if (id is not null) q = q.Where(h => h.LogicalId == id);
        if (since is { } s) q = q.Where(h => h.LastUpdated >= s);
        var rows = await q.OrderByDescending(h => h.LastUpdated).ThenByDescending(h => h.VersionId).Take(take).ToListAsync(ct);
        return rows.Select(ToEntry).ToList();
    }

    /// <summary>How many old versions and deletions match (for the history Bundle's total).</summary>
    public static Task<int> CountAsync(TerminologyDbContext db, string? type, string? id, DateTimeOffset? since, CancellationToken ct = default)
    {
        var q = db.ResourceHistory.AsNoTracking();
        if (type is not null) q = q.Where(h => h.ResourceType == type);
        if (id is not null) q = q.Where(h => h.LogicalId == id);
        if (since is { } s) q = q.Where(h => h.LastUpdated >= s);
        return q.CountAsync(ct);
    }

    /// <summary>
    /// One page of a history, newest first: the current versions (read through <paramref name="store"/>) merged
    /// with the old versions and deletions, of one resource, one type or all (<paramref name="type"/> null).
    /// </summary>
    public static async Task<(int Total, List<HistoryEntry> Entries)> PageAsync(
        TerminologyDbContext db, ResourceStore store, string? type, string? id, DateTimeOffset? since, int offset, int count, CancellationToken ct = default)
    {
        var q = db.Resources.AsNoTracking();
        if (type is not null) q = q.Where(r => r.ResourceType == type);
        if (id is not null) q = q.Where(r => r.LogicalId == id);
        // Loaded as a few columns and filtered here: SQLite cannot compare DateTimeOffset values in SQL.
        var current = (await q.Select(r => new { r.ResourceType, r.LogicalId, r.VersionId, r.LastUpdated }).ToListAsync(ct))
            .Where(r => since is null || r.LastUpdated >= since)
            .Select(r => new HistoryEntry(r.ResourceType, r.LogicalId, r.VersionId, r.LastUpdated, false, null))
            .ToList();
        var old = await ListAsync(db, type, id, since, offset + count, ct);
        var total = current.Count + await CountAsync(db, type, id, since, ct);
        var page = current.Concat(old)
            .OrderByDescending(e => e.LastUpdated).ThenBy(e => e.ResourceType, StringComparer.Ordinal).ThenBy(e => e.LogicalId, StringComparer.Ordinal).ThenByDescending(e => e.VersionId)
            .Skip(offset).Take(count).ToList();
        for (var i = 0; i < page.Count; i++)
        {
            if (page[i] is { Deleted: false, Resource: null } e)
            {
                page[i] = e with { Resource = await store.ReadAsync(e.ResourceType, e.LogicalId, ct: ct) };
            }
        }

        return (total, page);
    }

    private static HistoryEntry ToEntry(ResourceHistoryEntity row)
    {
        Resource? resource = null;
        if (row.Content is { } content)
        {
            resource = FhirJson.Deserialize<Resource>(Decompress(content));
            resource.Meta ??= new Meta();
            resource.Meta.VersionId = row.VersionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            resource.Meta.LastUpdated = row.LastUpdated;
        }

        return new HistoryEntry(row.ResourceType, row.LogicalId, row.VersionId, row.LastUpdated, row.Deleted, resource);
    }

    internal static byte[] Compress(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return buffer.ToArray();
    }

    private static string Decompress(byte[] content)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
