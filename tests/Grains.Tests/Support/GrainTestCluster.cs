using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.Placement;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Metrics;
using Platform.Grains.Models;
using Platform.Grains.Placement;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// An in-process Orleans cluster (one silo unless asked for more) hosting the real grains, each silo set up as the
/// product's: its own catalog of the given models, memory grain storage as default, the generation drain, replica placement, and
/// optionally an idle timeout after which model replicas are collected. Every silo logs into <see cref="Logs"/>.
/// </summary>
internal sealed class GrainTestCluster : IAsyncDisposable
{
    private GrainTestCluster(InProcessTestCluster cluster, LogSink logs)
    {
        Cluster = cluster;
        Logs = logs;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    public LogSink Logs { get; }

    /// <summary>What each silo offers replicas when a test does not say: room for 16 of the test models' default KV budget.</summary>
    public const long DefaultKvCacheBytes = 16 * (512L << 20);

    /// <summary>
    /// Grain state: memory storage (kept in grains of the cluster), or <paramref name="storage"/> to keep it outside every silo.
    /// <paramref name="kvCacheBytes"/> gives a silo's KV budget by its name (Silo_0, Silo_1, …); <paramref name="services"/> adds to every silo's.
    /// </summary>
    public static async Task<GrainTestCluster> StartAsync(IReadOnlyList<ServedModelOptions> models, short silos = 1, TimeSpan? modelIdleTimeout = null,
        SharedGrainStorage? storage = null, Func<string, long>? kvCacheBytes = null, Action<IServiceCollection>? services = null)
    {
        var logs = new LogSink();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) => host.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            if (storage is null)
                silo.AddMemoryGrainStorageAsDefault();
            else
                silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) => storage.For(sp));
            silo.Services.AddSingleton(TimeProvider.System);
            services?.Invoke(silo.Services);
            silo.Services.AddGrainMetrics("serve");
            silo.Services.AddSingleton(_ => new ModelCatalog(models));
            // Short, so a test that leaves a generation running does not hold its cluster's shutdown for long.
            silo.Services.AddSingleton(new GenerationDrainOptions { Timeout = TimeSpan.FromSeconds(5) });
            silo.Services.AddSingleton<GenerationDrain>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<GenerationDrain>());
            silo.Services.AddModelReplicaPlacement(new SiloCapacityOptions { KvCacheBytes = kvCacheBytes?.Invoke(siloOptions.SiloName) ?? DefaultKvCacheBytes });
            // A killed silo is voted dead after two missed 1 s probes rather than Orleans' 15 s.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
            });
            if (modelIdleTimeout is { } idle)
                silo.Configure<GrainCollectionOptions>(o =>
                {
                    o.ClassSpecificCollectionAge[typeof(ModelGrain).FullName!] = idle;
                    o.CollectionQuantum = idle / 4;
                });
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return new GrainTestCluster(cluster, logs);
    }

    public static string ReplicaKey(string model, int replica) => $"{model}/{replica}";

    public IModelGrain Replica(string model, int replica) => Client.GetGrain<IModelGrain>(ReplicaKey(model, replica));

    public IDeploymentGrain Deployment(string model) => Client.GetGrain<IDeploymentGrain>(model);

    /// <summary>Polls the replica (activating it, which starts its load) until it is ready; fails at once if its load failed.</summary>
    public async Task<ReplicaStatus> WaitUntilReadyAsync(string model, int replica)
    {
        var grain = Replica(model, replica);
        ReplicaStatus status = null!;
        await Eventually.True(async () =>
        {
            status = await grain.GetStatus();
            Assert.True(status.Phase != ReplicaPhase.Failed, $"replica {status.ReplicaKey} failed to load: {status.LastError}");
            return status.Phase == ReplicaPhase.Ready;
        }, $"replica {ReplicaKey(model, replica)} is ready");
        return status;
    }

    /// <summary>Loads every replica of <paramref name="model"/> and waits until its deployment counts them all ready.</summary>
    public async Task WaitUntilDeploymentReadyAsync(string model, int replicas)
    {
        for (var r = 0; r < replicas; r++)
            await WaitUntilReadyAsync(model, r);
        await Eventually.True(async () => (await Deployment(model).GetStatus()).Ready == replicas, $"the deployment of {model} has {replicas} ready replicas");
    }

    /// <summary>Makes <paramref name="firstCall"/> (the call that activates a grain) place that grain on <paramref name="silo"/>.</summary>
    public static async Task<T> OnSiloAsync<T>(InProcessSiloHandle silo, Func<Task<T>> firstCall)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            return await firstCall();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Activates a replica on <paramref name="silo"/> and waits until it is ready there.</summary>
    public async Task PlaceReplicaAsync(string model, int replica, InProcessSiloHandle silo)
    {
        var placed = await OnSiloAsync(silo, () => Replica(model, replica).GetStatus());
        Assert.Equal(silo.SiloAddress.ToParsableString(), placed.Silo);
        Assert.Equal(silo.SiloAddress.ToParsableString(), (await WaitUntilReadyAsync(model, replica)).Silo);
    }

    /// <summary>The silo the grain's activation lives on, or null when it is not active.</summary>
    public SiloAddress? SiloOf(IAddressable grain) =>
        Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    /// <summary>The grain's state <paramref name="stateName"/> as the default storage holds it.</summary>
    public async Task<IGrainState<T>> ReadStateAsync<T>(IAddressable grain, string stateName)
    {
        var storage = Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state;
    }

    public async ValueTask DisposeAsync()
    {
        // A shutdown that hangs (an engine thread that never stops) fails the test instead of stalling the run.
        await Cluster.StopAllSilosAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await Cluster.DisposeAsync();
    }
}
