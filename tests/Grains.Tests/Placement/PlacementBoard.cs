using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Platform.Grains.Interfaces.Placement;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Placement;

/// <summary>The placement board of a test cluster, and the waits placement tests share.</summary>
internal static class PlacementBoard
{
    public static IPlacementBoardGrain Of(GrainTestCluster cluster) => cluster.Client.GetGrain<IPlacementBoardGrain>(IPlacementBoardGrain.Key);

    /// <summary>
    /// Waits until the board holds an offer from every running silo of the cluster (silos post theirs once active), and
    /// every silo counts every other as a place for a replica: placement runs on the silo a call arrives at, and offers
    /// only the silos its own membership and grain manifest know of yet.
    /// </summary>
    public static async Task<IReadOnlyList<SiloOffer>> WaitForEverySiloAsync(GrainTestCluster cluster)
    {
        var expected = cluster.Silos.Select(s => s.SiloAddress.ToParsableString()).Order().ToList();
        await Eventually.True(() => Task.FromResult(cluster.Silos.All(s => SeesEverySilo(s, cluster))), "every silo sees every other as active and compatible");
        IReadOnlyList<SiloOffer> offers = [];
        await Eventually.True(async () =>
        {
            offers = await Of(cluster).GetOffers();
            return offers.Select(o => o.Silo).Order().SequenceEqual(expected);
        }, $"the board has an offer from each of {expected.Count} silos", detail: () => $"It has {string.Join(", ", offers.Select(o => o.Silo))}.");
        return offers;
    }

    private static bool SeesEverySilo(InProcessSiloHandle silo, GrainTestCluster cluster)
    {
        var membership = silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
        var manifest = silo.ServiceProvider.GetRequiredService<IClusterManifestProvider>().Current;
        return cluster.Silos.All(other => membership.GetSiloStatus(other.SiloAddress) == SiloStatus.Active && manifest.Silos.ContainsKey(other.SiloAddress));
    }

    /// <summary>Waits until <paramref name="silo"/>'s offer lists <paramref name="replicaKey"/>; returns that offer.</summary>
    public static async Task<SiloOffer> WaitForReplicaAsync(GrainTestCluster cluster, string silo, string replicaKey)
    {
        SiloOffer? offer = null;
        await Eventually.True(async () =>
        {
            offer = (await Of(cluster).GetOffers()).SingleOrDefault(o => o.Silo == silo);
            return offer?.Replicas.Contains(replicaKey) == true;
        }, $"the offer of {silo} lists {replicaKey}");
        return offer!;
    }

    /// <summary>Activates replicas <paramref name="replicas"/> of <paramref name="model"/> one after another; returns the silo of each.</summary>
    public static async Task<List<string>> ActivateInTurnAsync(GrainTestCluster cluster, string model, IEnumerable<int> replicas)
    {
        var silos = new List<string>();
        foreach (var r in replicas)
            silos.Add((await cluster.Replica(model, r).GetStatus()).Silo);
        return silos;
    }
}
