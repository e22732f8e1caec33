using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Platform.Postgres.Gateways;
using Platform.Postgres.Hosting;

namespace Platform.Postgres.Tests.Gateways;

/// <summary>Gateway list providers for a given cluster id.</summary>
internal static class GatewayProviders
{
    public static PostgresGatewayListProvider New(string connectionString, string clusterId, GatewayOptions? gatewayOptions = null) =>
        new(Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString }),
            Options.Create(new ClusterOptions { ClusterId = clusterId }),
            Options.Create(gatewayOptions ?? new GatewayOptions()));
}
