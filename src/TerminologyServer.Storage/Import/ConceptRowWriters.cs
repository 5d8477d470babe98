using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TerminologyServer.Storage.Entities;

namespace TerminologyServer.Storage.Import;

/// <summary>
/// Writes batches of concept rows inside the current transaction, by the fastest path of the provider:
/// PostgreSQL binary COPY, SQLite prepared statements, EF Core otherwise. Table and column names come from the EF model.
/// </summary>
internal abstract class ConceptRowWriter : IDisposable
{
    public static ConceptRowWriter For(TerminologyDbContext db) =>
        db.Database.IsNpgsql() ? new PostgresWriter(db)
        : db.Database.IsSqlite() ? new SqliteWriter(db)
        : new EfWriter(db);

    public abstract Task WriteAsync(ConceptRows rows, CancellationToken ct);

    public virtual void Dispose()
    {
    }

    /// <summary>A table's name and its columns with how to read each from an entity.</summary>
    protected sealed record Table<T>(string Name, string[] Columns, Func<T, object?>[] Values);

    protected static Table<T> Describe<T>(TerminologyDbContext db, params (string Property, Func<T, object?> Value)[] columns)
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var names = columns.Select(c => type.FindProperty(c.Property)!.GetColumnName(table)!).ToArray();
        return new Table<T>(type.GetTableName()!, names, columns.Select(c => c.Value).ToArray());
    }

    protected static (Table<ConceptEntity>, Table<ConceptParentEntity>, Table<ConceptPropertyEntity>, Table<ConceptDesignationEntity>) Tables(TerminologyDbContext db) => (
        Describe<ConceptEntity>(db, ("ResourceKey", c => c.ResourceKey), ("Ordinal", c => c.Ordinal), ("Code", c => c.Code), ("Display", c => c.Display), ("Definition", c => c.Definition), ("Extensions", c => c.Extensions)),
        Describe<ConceptParentEntity>(db, ("ResourceKey", c => c.ResourceKey), ("Ordinal", c => c.Ordinal), ("Seq", c => c.Seq), ("ParentCode", c => c.ParentCode), ("Nested", c => c.Nested)),
        Describe<ConceptPropertyEntity>(db, ("ResourceKey", c => c.ResourceKey), ("Ordinal", c => c.Ordinal), ("Seq", c => c.Seq), ("Code", c => c.Code), ("Type", c => (short)c.Type), ("Value", c => c.Value), ("System", c => c.System), ("Display", c => c.Display)),
        Describe<ConceptDesignationEntity>(db, ("ResourceKey", c => c.ResourceKey), ("Ordinal", c => c.Ordinal), ("Seq", c => c.Seq), ("Language", c => c.Language), ("UseSystem", c => c.UseSystem), ("UseCode", c => c.UseCode), ("UseDisplay", c => c.UseDisplay), ("Value", c => c.Value), ("Extensions", c => c.Extensions)));

    private sealed class EfWriter(TerminologyDbContext db) : ConceptRowWriter
    {
        public override async Task WriteAsync(ConceptRows rows, CancellationToken ct)
        {
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                db.Concepts.AddRange(rows.Concepts);
                db.ConceptParents.AddRange(rows.Parents);
                db.ConceptProperties.AddRange(rows.Properties);
                db.ConceptDesignations.AddRange(rows.Designations);
                await db.SaveChangesAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = detect;
            }
        }
    }

    private sealed class PostgresWriter(TerminologyDbContext db) : ConceptRowWriter
    {
        private readonly (Table<ConceptEntity> C, Table<ConceptParentEntity> P, Table<ConceptPropertyEntity> Pr, Table<ConceptDesignationEntity> D) _t = Tables(db);

        public override async Task WriteAsync(ConceptRows rows, CancellationToken ct)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await CopyAsync(connection, _t.C, rows.Concepts, ct);
            await CopyAsync(connection, _t.P, rows.Parents, ct);
            await CopyAsync(connection, _t.Pr, rows.Properties, ct);
            await CopyAsync(connection, _t.D, rows.Designations, ct);
        }

        private static async Task CopyAsync<T>(NpgsqlConnection connection, Table<T> table, List<T> rows, CancellationToken ct)
        {
            if (rows.Count == 0)
            {
                return;
            }

            var sql = $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using var writer = await connection.BeginBinaryImportAsync(sql, ct);
            // Synchronous writes: the importer buffers and flushes in large chunks; async per value costs more than it saves.
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                writer.StartRow();
                foreach (var value in table.Values)
                {
                    switch (value(row))
                    {
                        case null: writer.WriteNull(); break;
                        case long l: writer.Write(l, NpgsqlTypes.NpgsqlDbType.Bigint); break;
                        case int i: writer.Write(i, NpgsqlTypes.NpgsqlDbType.Integer); break;
                        case short s: writer.Write(s, NpgsqlTypes.NpgsqlDbType.Smallint); break;
                        case bool b: writer.Write(b, NpgsqlTypes.NpgsqlDbType.Boolean); break;
                        case string s: writer.Write(s, NpgsqlTypes.NpgsqlDbType.Text); break;
                        case var other: throw new InvalidOperationException($"No COPY mapping for {other.GetType()}.");
                    }
                }
            }

            await writer.CompleteAsync(ct);
        }
    }

    private sealed class SqliteWriter(TerminologyDbContext db) : ConceptRowWriter
    {
        private readonly (Table<ConceptEntity> C, Table<ConceptParentEntity> P, Table<ConceptPropertyEntity> Pr, Table<ConceptDesignationEntity> D) _t = Tables(db);
        private readonly Dictionary<string, SqliteCommand> _commands = [];

        public override void Dispose()
        {
            foreach (var cmd in _commands.Values)
            {
                cmd.Dispose();
            }
        }

        public override async Task WriteAsync(ConceptRows rows, CancellationToken ct)
        {
            Insert(_t.C, rows.Concepts, ct);
            Insert(_t.P, rows.Parents, ct);
            Insert(_t.Pr, rows.Properties, ct);
            Insert(_t.D, rows.Designations, ct);
            await Task.CompletedTask;
        }

        // One prepared statement per table, reused for every row: SQLite's fastest way in one transaction.
        private void Insert<T>(Table<T> table, List<T> rows, CancellationToken ct)
        {
            if (!_commands.TryGetValue(table.Name, out var cmd))
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                cmd = connection.CreateCommand();
                cmd.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
                cmd.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
                for (var i = 0; i < table.Columns.Length; i++)
                {
                    cmd.Parameters.Add(new SqliteParameter("$p" + i, null));
                }

                cmd.Prepare();
                _commands[table.Name] = cmd;
            }

            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < table.Values.Length; i++)
                {
                    ((DbParameter)cmd.Parameters[i]).Value = table.Values[i](row) ?? DBNull.Value;
                }

                cmd.ExecuteNonQuery();
            }
        }
    }
}
