using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Messaging;
using Platform.Postgres.Hosting;
using Platform.Postgres.Schema;
using Platform.Postgres.Sql;

namespace Platform.Postgres.Gateways;

/// <summary>Tells Orleans clients the gateways of a cluster: its active silos that accept clients, from the membership table.</summary>
public sealed class PostgresGatewayListProvider : IGatewayListProvider, IDisposable
{
    private const string ActiveGateways = """
        SELECT address, proxy_port, generation FROM platform_membership
        WHERE cluster_id = @cluster AND status = @active AND proxy_port > 0
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly SchemaGate schema;
    private readonly string clusterId;

    public PostgresGatewayListProvider(
        IOptions<PostgresClusteringOptions> options, IOptions<ClusterOptions> clusterOptions, IOptions<GatewayOptions> gatewayOptions)
    {
        dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        schema = new SchemaGate(dataSource);
        clusterId = clusterOptions.Value.ClusterId;
        MaxStaleness = gatewayOptions.Value.GatewayListRefreshPeriod;
    }

    /// <summary>How long a list may be used before it is read again: the client's gateway list refresh period.</summary>
    public TimeSpan MaxStaleness { get; }

    /// <summary>Always true: silos join and leave, so the list changes.</summary>
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(default);

    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken = default) => schema.EnsureCreatedAsync(cancellationToken);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(default);

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken = default)
    {
        await schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(ActiveGateways);
        command.Parameters.AddValue("cluster", NpgsqlDbType.Text, clusterId);
        command.Parameters.AddValue("active", NpgsqlDbType.Integer, (int)SiloStatus.Active);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var gateways = new List<Uri>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A client reaches a silo on its proxy port, so the gateway address swaps that in for the silo port.
            var gateway = SiloAddress.New(reader.GetFieldValue<IPAddress>(0), reader.GetInt32(1), reader.GetInt32(2));
            gateways.Add(gateway.ToGatewayUri());
        }
        return gateways;
    }

    public void Dispose() => dataSource.Dispose();
}
