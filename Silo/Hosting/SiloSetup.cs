using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Platform.Grains.Metrics;
using Platform.Grains.Models;
using Platform.Grains.Placement;
using Platform.Postgres.Hosting;

namespace Platform.Silo.Hosting;

/// <summary>Configures the Orleans silo of a `serve` or `silo` process: clustering, grain state, collection and failure detection.</summary>
internal static class SiloSetup
{
    public static void Configure(ISiloBuilder silo, ServeOptions options)
    {
        var cluster = options.Cluster;
        if (cluster.IsEmbedded)
        {
            // Free ports, so several embedded processes (and tests) run side by side.
            var ports = LoopbackPorts.Free(2);
            silo.UseLocalhostClustering(ports[0], ports[1]);
            silo.AddMemoryGrainStorageAsDefault();
        }
        else
        {
            silo.UsePostgresClustering(cluster.ConnectionString);
            silo.AddPostgresGrainStorageAsDefault(cluster.ConnectionString);
            // Before our ClusterOptions: its own options read ORLEANS_CLUSTER_ID/ORLEANS_SERVICE_ID, and the flags win.
            if (cluster.Kubernetes)
                KubernetesHosting.Configure(silo);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = "platform";
            });
            silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertiseAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
            silo.Configure<ClusterMembershipOptions>(FailureDetection.Tune);
            // The default directory drops the registrations a leaving silo owned and deactivates those grains on the
            // survivors too: a SIGTERM on one silo would unload healthy replicas elsewhere and cut their streams. The
            // distributed directory hands its ranges over instead.
#pragma warning disable ORLEANSEXP003
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            // No lease on a dead silo's grains: with one, every call to them (an enumeration's disposal among them)
            // waits out the lease, and streams end ~16 s after a kill instead of at failure detection. A silo wrongly
            // declared dead stops itself, and session writes are etag-checked, so a brief duplicate loses no data.
            silo.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.Zero);
        }
        silo.Configure<GrainCollectionOptions>(o =>
        {
            o.ClassSpecificCollectionAge[typeof(ModelGrain).FullName!] = options.IdleTimeout;
            o.CollectionQuantum = TimeSpan.FromSeconds(Math.Clamp(options.IdleTimeout.TotalSeconds / 4, 0.5, 60));
            if (o.CollectionAge <= o.CollectionQuantum)
                o.CollectionAge = 2 * o.CollectionQuantum;
        });
        silo.Services.AddSingleton(TimeProvider.System);
        // Every silo feeds the Orleans dashboard; API processes show it (OrleansDashboard.cs).
        silo.AddDashboard(OrleansDashboard.Configure);
        silo.Services.AddGrainMetrics(options.Role == HostRole.Silo ? "silo" : "serve");
        silo.Services.AddSingleton(new GenerationDrainOptions { Timeout = cluster.DrainTimeout });
        silo.Services.AddSingleton<GenerationDrain>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<GenerationDrain>());
        // A lone silo still gets every replica; in a cluster they spread by the silos' offers of KV memory.
        silo.Services.AddModelReplicaPlacement(new SiloCapacityOptions { Device = options.Device, KvCacheBytes = ModelOptionsBuilder.KvCacheBudget(options) });
    }
}
