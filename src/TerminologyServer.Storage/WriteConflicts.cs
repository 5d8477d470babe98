using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace TerminologyServer.Storage;

/// <summary>
/// Saves a resource row so that a lost update becomes a <see cref="ResourceVersionConflictException"/>. The row's
/// version id is an EF Core concurrency token, so the UPDATE (or DELETE) only matches the version this writer read;
/// when another process wrote in between it matches nothing. Two writers creating the same id meet the unique index.
/// </summary>
internal static class WriteConflicts
{
    public static async Task SaveResourceAsync(DbContext db, string type, string id, CancellationToken ct)
    {
        // An update meets a unique index too: the other writer archived the same old version into the history first.
        var creating = db.ChangeTracker.Entries<Entities.ResourceEntity>().Any(e => e.State == EntityState.Added && e.Entity.LogicalId == id && e.Entity.ResourceType == type);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ResourceVersionConflictException($"{type}/{id} was changed or deleted by another writer meanwhile; read it again and retry.", inner: e);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e) && !creating)
        {
            throw new ResourceVersionConflictException($"{type}/{id} was changed or deleted by another writer meanwhile; read it again and retry.", inner: e);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            throw new ResourceVersionConflictException($"{type}/{id} was created by another writer meanwhile; read it again and retry.", inner: e);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
        SqlException s => s.Number is 2601 or 2627,
        _ => false,
    };
}
