using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Platform.Postgres.Hosting;

namespace Platform.Silo.Hosting;

/// <summary>Configures the Orleans client of an `api` process: gateways from the cluster's PostgreSQL, retried until a silo is up.</summary>
internal static class ClientSetup
{
    public static void Configure(IClientBuilder client, ClusterSettings cluster)
    {
        client.UsePostgresClustering(cluster.ConnectionString);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = "platform";
        });
        client.AddDashboard(OrleansDashboard.Configure);
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        client.UseConnectionRetryFilter(async (error, ct) =>
        {
            // An API node may start before any silo: keep trying until one answers or the process stops.
            Console.Error.WriteLine($"Waiting for a silo of cluster '{cluster.ClusterId}' ({error.GetType().Name}); retrying in 2 s.");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            return true;
        });
    }
}
