using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Runtime.Storage.Postgres;

/// <summary>Grain state in one PostgreSQL table (JSON payloads, version column as ETag, optimistic concurrency in SQL).</summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresGrainStorageSql sql;
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private volatile bool schemaReady;

    public PostgresGrainStorage(string name, PostgresGrainStorageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options.Validate(name);
        Name = name;
        TableName = options.TableName;
        sql = new PostgresGrainStorageSql(options.TableName);
        try
        {
            dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"PostgreSQL grain storage '{name}': invalid connection string: {e.Message}", e);
        }
    }

    public string Name { get; }
    public string TableName { get; }

    /// <summary>Creates the table when absent; idempotent and safe when several silos start at once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (schemaReady)
            return;
        await schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (schemaReady)
                return;
            await Guard($"create table '{TableName}'", async () =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                foreach (var statement in new[] { sql.LockSchema, sql.CreateSchema })
                {
                    await using var command = new NpgsqlCommand(statement, connection, transaction);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            schemaReady = true;
        }
        finally
        {
            schemaGate.Release();
        }
    }

    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await Guard($"read state '{stateName}' of grain '{grainId}'", async () =>
        {
            await using var command = Command(sql.Read, grainId, stateName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                return (GrainStateRecord?)null;
            return new GrainStateRecord(reader.GetString(0), GrainStateEtag.Format(reader.GetInt64(1)));
        }).ConfigureAwait(false);
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, string json, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var expected = GrainStateEtag.Parse(expectedEtag, Name);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var version = await Guard($"write state '{stateName}' of grain '{grainId}'", async () =>
        {
            await using var command = Command(expected is null ? sql.Insert : sql.Update, grainId, stateName);
            command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (expected is { } v)
                command.Parameters.Add(new NpgsqlParameter { Value = v });
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        }).ConfigureAwait(false);
        if (version is null)
            throw await ConflictAsync(grainId, stateName, expectedEtag, cancellationToken).ConfigureAwait(false);
        return GrainStateEtag.Format(version.Value);
    }

    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        var expected = GrainStateEtag.Parse(expectedEtag, Name);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        if (expected is not { } v)
        {
            // Nothing to delete; the caller believes nothing is stored, which must still hold.
            if (await ReadVersionAsync(grainId, stateName, cancellationToken).ConfigureAwait(false) is not null)
                throw await ConflictAsync(grainId, stateName, expectedEtag, cancellationToken).ConfigureAwait(false);
            return;
        }
        var deleted = await Guard($"clear state '{stateName}' of grain '{grainId}'", async () =>
        {
            await using var command = Command(sql.Delete, grainId, stateName);
            command.Parameters.Add(new NpgsqlParameter { Value = v });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (deleted == 0)
            throw await ConflictAsync(grainId, stateName, expectedEtag, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();

    private async Task<InconsistentStateException> ConflictAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var stored = await ReadVersionAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        return GrainStateEtag.Conflict(Name, grainId, stateName, stored is { } s ? GrainStateEtag.Format(s) : null, expectedEtag);
    }

    private Task<long?> ReadVersionAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        Guard($"read the version of state '{stateName}' of grain '{grainId}'", async () =>
        {
            await using var command = Command(sql.ReadVersion, grainId, stateName);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        });

    private NpgsqlCommand Command(string text, GrainId grainId, string stateName)
    {
        var command = dataSource.CreateCommand(text);
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        return command;
    }

    private async Task<T> Guard<T>(string action, Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw new GrainStorageException(
                $"PostgreSQL grain storage '{Name}' (table '{TableName}') could not {action}: {e.Message}", e);
        }
    }
}
