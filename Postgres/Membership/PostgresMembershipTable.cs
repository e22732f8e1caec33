using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Platform.Postgres.Hosting;
using Platform.Postgres.Schema;
using Platform.Postgres.Sql;

namespace Platform.Postgres.Membership;

/// <summary>Orleans' membership table in PostgreSQL: per cluster id, one version row and one row per silo.</summary>
public sealed class PostgresMembershipTable : IMembershipTable, IDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly SchemaGate schema;
    private readonly string clusterId;

    public PostgresMembershipTable(IOptions<PostgresClusteringOptions> options, IOptions<ClusterOptions> clusterOptions)
    {
        dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        schema = new SchemaGate(dataSource);
        clusterId = clusterOptions.Value.ClusterId;
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, default);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (!tryInitTableVersion)
            return;
        await using var command = ClusterCommand(MembershipSql.CreateVersion, clusterId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, default);

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = ClusterCommand(MembershipSql.DeleteCluster, clusterId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, default);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = ClusterCommand(MembershipSql.DeleteDefunct, clusterId);
        command.Parameters.AddValue("active", NpgsqlDbType.Integer, (int)SiloStatus.Active);
        command.Parameters.AddValue("before", NpgsqlDbType.TimestampTz, beforeDate.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, default);

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default)
    {
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(MembershipSql.ReadRow);
        MembershipRow.AddKey(command.Parameters, clusterId, key);
        return await ReadTableAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(default);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = ClusterCommand(MembershipSql.ReadAll, clusterId);
        return await ReadTableAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, default);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        ChangeRowAsync(MembershipSql.InsertRow, entry, rowEtag: null, tableVersion, cancellationToken);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        UpdateRowAsync(entry, etag, tableVersion, default);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default) =>
        MembershipEtags.TryParse(etag, out var expected)
            ? ChangeRowAsync(MembershipSql.UpdateRow, entry, expected, tableVersion, cancellationToken)
            : Task.FromResult(false);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, default);

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(MembershipSql.UpdateIAmAlive);
        MembershipRow.AddKey(command.Parameters, clusterId, entry.SiloAddress);
        MembershipRow.AddIAmAlive(command.Parameters, entry);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => dataSource.Dispose();

    /// <summary>Moves the table version on by one and inserts or updates the row, all or nothing.</summary>
    private async Task<bool> ChangeRowAsync(string rowSql, MembershipEntry entry, long? rowEtag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        if (!MembershipEtags.TryParse(tableVersion.VersionEtag, out var expectedVersion) || tableVersion.Version != expectedVersion + 1)
            return false;
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Returning without commit disposes the transaction, which rolls back a version bump whose row change failed.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var bump = new NpgsqlCommand(MembershipSql.BumpVersion, connection, transaction);
        bump.Parameters.AddValue("cluster", NpgsqlDbType.Text, clusterId);
        bump.Parameters.AddValue("expected", NpgsqlDbType.Integer, (int)expectedVersion);
        bump.Parameters.AddValue("next", NpgsqlDbType.Integer, tableVersion.Version);
        if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            return false;
        await using var change = new NpgsqlCommand(rowSql, connection, transaction);
        MembershipRow.AddKey(change.Parameters, clusterId, entry.SiloAddress);
        MembershipRow.AddValues(change.Parameters, entry);
        if (rowEtag is { } etag)
            change.Parameters.AddValue("etag", NpgsqlDbType.Bigint, etag);
        if (await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            return false;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private NpgsqlCommand ClusterCommand(string sql, string cluster)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddValue("cluster", NpgsqlDbType.Text, cluster);
        return command;
    }

    private static async Task<MembershipTableData> ReadTableAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        // A cluster whose version row was never created reads as the empty table at version 0.
        var version = 0;
        var members = new List<Tuple<MembershipEntry, string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            version = reader.GetInt32(0);
            // The left join yields one all-null member when the cluster has no (matching) silo row.
            if (!reader.IsDBNull(1))
                members.Add(MembershipRow.Read(reader, first: 1));
        }
        return new MembershipTableData(members, new TableVersion(version, MembershipEtags.Format(version)));
    }
}
