using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Platform.Grains.Benchmarks.Cluster;

/// <summary>Two real Orleans silos in this process, joined over TCP on 127.0.0.1; silo A is the caller.</summary>
public sealed class TwoSiloCluster : IAsyncDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);
    private readonly IHost callerSilo;
    private readonly IHost otherSilo;

    private TwoSiloCluster(IHost callerSilo, IHost otherSilo)
    {
        this.callerSilo = callerSilo;
        this.otherSilo = otherSilo;
    }

    public static async Task<TwoSiloCluster> StartAsync()
    {
        var ports = LoopbackPorts.Free(4);
        var callerSilo = await StartSiloAsync(ports[0], ports[1], primarySilo: null);
        var otherSilo = await StartSiloAsync(ports[2], ports[3], new IPEndPoint(IPAddress.Loopback, ports[0]));
        var cluster = new TwoSiloCluster(callerSilo, otherSilo);
        await cluster.WaitUntilBothSeeTwoActiveSilosAsync();
        return cluster;
    }

    /// <summary>Silo A's reference to grain <paramref name="key"/>, activated on silo A.</summary>
    public Task<T> ActivateOnCallerAsync<T>(long key) where T : ILocatedGrain => ActivateAsync<T>(key, callerSilo);

    /// <summary>Silo A's reference to grain <paramref name="key"/>, activated on silo B.</summary>
    public Task<T> ActivateOnOtherSiloAsync<T>(long key) where T : ILocatedGrain => ActivateAsync<T>(key, otherSilo);

    public async ValueTask DisposeAsync()
    {
        // Stop B first so A sees a graceful leave instead of waiting to declare B dead.
        foreach (var silo in new[] { otherSilo, callerSilo })
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    private static async Task<IHost> StartSiloAsync(int siloPort, int gatewayPort, IPEndPoint? primarySilo)
    {
        // The empty builder adds no console logging, which would otherwise flood the benchmark output.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort, gatewayPort, primarySilo));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task<T> ActivateAsync<T>(long key, IHost owner) where T : ILocatedGrain
    {
        // LocatedGrain uses PreferLocalPlacement, so the first call from the owner pins the activation there.
        var expected = await Grains(owner).GetGrain<T>(key).Silo();
        if (!expected.Equals(SiloAddressOf(owner)))
        {
            throw new InvalidOperationException($"{typeof(T).Name}/{key} was placed on {expected}, not on {SiloAddressOf(owner)}.");
        }

        var grain = Grains(callerSilo).GetGrain<T>(key);
        var actual = await grain.Silo();
        if (!actual.Equals(expected))
        {
            throw new InvalidOperationException($"Silo A reached {typeof(T).Name}/{key} on {actual}, expected {expected}.");
        }

        return grain;
    }

    private async Task WaitUntilBothSeeTwoActiveSilosAsync()
    {
        // Placement and directory lookups are only reliable once each silo's membership view holds both silos.
        using var timeout = new CancellationTokenSource(JoinTimeout);
        while (!SeesTwoActive(callerSilo) || !SeesTwoActive(otherSilo))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }

        static bool SeesTwoActive(IHost silo) =>
            silo.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
                .Count(member => member.Status == SiloStatus.Active) == 2;
    }

    private static IGrainFactory Grains(IHost silo) => silo.Services.GetRequiredService<IGrainFactory>();

    private static SiloAddress SiloAddressOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
}
