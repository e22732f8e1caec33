using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Platform.Postgres.Hosting;
using Platform.Postgres.Schema;
using Platform.Postgres.Sql;

namespace Platform.Postgres.GrainState;

/// <summary>Orleans grain state in PostgreSQL: serializer bytes per (service, grain, state name) with a uuid ETag for optimistic concurrency.</summary>
public sealed class PostgresGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly string name;
    private readonly string serviceId;
    private readonly int initStage;
    private readonly IGrainStorageSerializer serializer;
    private readonly IActivatorProvider activators;
    private readonly NpgsqlDataSource dataSource;
    private readonly SchemaGate schema;

    public PostgresGrainStorage(
        string name, PostgresGrainStorageOptions options, IGrainStorageSerializer defaultSerializer,
        IOptions<ClusterOptions> clusterOptions, IActivatorProvider activators)
    {
        this.name = name;
        serviceId = clusterOptions.Value.ServiceId;
        initStage = options.InitStage;
        serializer = options.GrainStorageSerializer ?? defaultSerializer;
        this.activators = activators;
        dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        schema = new SchemaGate(dataSource);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(PostgresGrainStorage)}-{name}", initStage, schema.EnsureCreatedAsync);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, default);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = KeyCommand(GrainStateSql.Read, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Reset(grainState);
            return;
        }
        grainState.State = serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(0)));
        grainState.ETag = GrainStateEtags.Format(reader.GetGuid(1));
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, default);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expected = GrainStateEtags.Parse(grainState.ETag, name, stateName, grainId);
        var payload = serializer.Serialize(grainState.State);
        var next = Guid.NewGuid();
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Without an ETag the writer believes nothing is stored, so it may only insert.
        await using var command = KeyCommand(expected is null ? GrainStateSql.Insert : GrainStateSql.Update, stateName, grainId);
        command.Parameters.AddValue("payload", NpgsqlDbType.Bytea, payload.ToArray());
        command.Parameters.AddValue("next", NpgsqlDbType.Uuid, next);
        command.Parameters.AddValue("expected", NpgsqlDbType.Uuid, expected);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            throw await ConflictAsync(stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
        grainState.ETag = GrainStateEtags.Format(next);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, default);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expected = GrainStateEtags.Parse(grainState.ETag, name, stateName, grainId);
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (expected is null)
        {
            // Nothing to delete: the caller believes nothing is stored, which must still hold.
            if (await ReadEtagAsync(stateName, grainId, cancellationToken).ConfigureAwait(false) is not null)
                throw await ConflictAsync(stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using var command = KeyCommand(GrainStateSql.Delete, stateName, grainId);
            command.Parameters.AddValue("expected", NpgsqlDbType.Uuid, expected);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                throw await ConflictAsync(stateName, grainId, grainState.ETag, cancellationToken).ConfigureAwait(false);
        }
        Reset(grainState);
    }

    public void Dispose() => dataSource.Dispose();

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<InconsistentStateException> ConflictAsync(string stateName, GrainId grainId, string? expected, CancellationToken cancellationToken)
    {
        var stored = await ReadEtagAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
        return GrainStateEtags.Conflict(name, stateName, grainId, stored, expected);
    }

    private async Task<Guid?> ReadEtagAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = KeyCommand(GrainStateSql.ReadEtag, stateName, grainId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as Guid?;
    }

    private NpgsqlCommand KeyCommand(string sql, string stateName, GrainId grainId)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddValue("service", NpgsqlDbType.Text, serviceId);
        command.Parameters.AddValue("type", NpgsqlDbType.Text, grainId.Type.ToString());
        // The key is stored as its raw bytes: grain keys are arbitrary strings, and text columns cannot hold U+0000.
        command.Parameters.AddValue("key", NpgsqlDbType.Bytea, grainId.Key.AsSpan().ToArray());
        command.Parameters.AddValue("state", NpgsqlDbType.Text, stateName);
        return command;
    }
}
