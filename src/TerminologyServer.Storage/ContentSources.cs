using Microsoft.EntityFrameworkCore;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage;

/// <summary>Remembers which bulk content was loaded, by hash.</summary>
public sealed class ContentSources(TerminologyDbContext db, TimeProvider clock)
{
    public async Task<bool> IsLoadedAsync(string name, string hash, CancellationToken ct) =>
        await db.ContentSources.AsNoTracking().AnyAsync(c => c.Name == name && c.Hash == hash, ct);

    public async Task MarkLoadedAsync(string name, string hash, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var row = await db.ContentSources.FirstOrDefaultAsync(c => c.Name == name, ct);
        if (row is null)
        {
            db.ContentSources.Add(new ContentSourceEntity { Name = name, Hash = hash, LoadedAt = clock.GetUtcNow() });
        }
        else
        {
            row.Hash = hash;
            row.LoadedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
