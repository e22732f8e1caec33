using Platform.Grains.Interfaces.Placement;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Placement;

/// <summary>Model replicas placed on a three-silo cluster by the silos' offers.</summary>
public class ReplicaPlacementTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public async Task ThreeReplicas_LandOnThreeDistinctSilos()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 3)], silos: 3);
        await PlacementBoard.WaitForEverySiloAsync(cluster);

        var silos = await PlacementBoard.ActivateInTurnAsync(cluster, TestModels.Llama, [0, 1, 2]);

        Assert.Equal(3, silos.Distinct().Count());
    }

    [Fact]
    public async Task MoreReplicasThanSilos_SpreadEvenly()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 6)], silos: 3);
        await PlacementBoard.WaitForEverySiloAsync(cluster);

        var silos = await PlacementBoard.ActivateInTurnAsync(cluster, TestModels.Llama, Enumerable.Range(0, 6));

        Assert.Equal([2, 2, 2], silos.GroupBy(s => s).Select(g => g.Count()));
    }

    [Fact]
    public async Task ASiloHostingAnotherModelsReplica_HasLessFreeKvMemory_SoANewReplicaGoesToAFreerSilo()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(), TestModels.TinyQwen2()], silos: 3);
        await PlacementBoard.WaitForEverySiloAsync(cluster);
        var busy = cluster.Silos[0].SiloAddress.ToParsableString();
        await GrainTestCluster.OnSiloAsync(cluster.Silos[0], cluster.Replica(TestModels.Qwen, 0).GetStatus);
        var offer = await PlacementBoard.WaitForReplicaAsync(cluster, busy, GrainTestCluster.ReplicaKey(TestModels.Qwen, 0));
        Assert.Equal(offer.KvCacheBytes - TestModels.TinyQwen2().Engine.KvCacheMemoryBytes, offer.FreeKvCacheBytes);

        var placed = (await cluster.Replica(TestModels.Llama, 0).GetStatus()).Silo;

        Assert.NotEqual(busy, placed);
    }

    [Fact]
    public async Task SilosWithDifferentKvBudgets_TakeNewReplicasFreestFirst()
    {
        var budgets = new Dictionary<string, long> { ["Silo_0"] = 2048 * MiB, ["Silo_1"] = 4096 * MiB, ["Silo_2"] = 3072 * MiB };
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 3)], silos: 3, kvCacheBytes: name => budgets[name]);
        var offers = await PlacementBoard.WaitForEverySiloAsync(cluster);
        var byBudget = offers.OrderByDescending(o => o.FreeKvCacheBytes).Select(o => o.Silo).ToList();
        Assert.Equal([4096 * MiB, 3072 * MiB, 2048 * MiB], offers.Select(o => o.KvCacheBytes).OrderDescending());

        var silos = await PlacementBoard.ActivateInTurnAsync(cluster, TestModels.Llama, [0, 1, 2]);

        Assert.Equal(byBudget, silos);
    }

    [Fact]
    public async Task APlacementHint_WinsOverTheBoardsPick()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)], silos: 3);
        await PlacementBoard.WaitForEverySiloAsync(cluster);
        var hinted = cluster.Silos[1];

        foreach (var r in new[] { 0, 1 })
        {
            var status = await GrainTestCluster.OnSiloAsync(hinted, cluster.Replica(TestModels.Llama, r).GetStatus);
            Assert.Equal(hinted.SiloAddress.ToParsableString(), status.Silo);
        }
    }

    [Fact]
    public async Task ConcurrentPlacements_AreSpreadByTheBoardsReservations()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 6)], silos: 3);
        await PlacementBoard.WaitForEverySiloAsync(cluster);

        // All six are placed before any silo's offer can list one: only the reservations tell the board where they went.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(r => cluster.Replica(TestModels.Llama, r).GetStatus()));

        Assert.Equal([2, 2, 2], statuses.GroupBy(s => s.Silo).Select(g => g.Count()));
    }

    [Fact]
    public async Task AnOfferFromASiloMembershipDeclaresDead_IsDroppedFromTheOffers_AndNeverChosen()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 3)], silos: 3);
        await PlacementBoard.WaitForEverySiloAsync(cluster);
        var board = PlacementBoard.Of(cluster);
        // The board keeps offers in memory: the stopped silo must not be the one holding it.
        var doomed = cluster.Silos.Skip(1).First(s => !s.SiloAddress.Equals(cluster.SiloOf(board)));
        var dead = doomed.SiloAddress.ToParsableString();
        await cluster.Cluster.StopSiloAsync(doomed);
        // Posted after the stop, ever fresh and the emptiest: only membership can rule it out.
        var ghost = new SiloOffer(dead, "cpu", 1L << 40, 1L << 40, [TestModels.Llama], []);

        await Eventually.True(async () =>
        {
            await board.Offer(ghost);
            return (await board.GetOffers()).All(o => o.Silo != dead);
        }, "the dead silo's offer is dropped");

        await board.Offer(ghost);
        var compatible = cluster.Silos.Select(s => s.SiloAddress.ToParsableString()).Append(dead).ToList();
        for (var r = 0; r < 3; r++)
            Assert.NotEqual(dead, await board.Place(GrainTestCluster.ReplicaKey(TestModels.Llama, r), 512 * MiB, compatible));
        var silos = await PlacementBoard.ActivateInTurnAsync(cluster, TestModels.Llama, [0, 1, 2]);
        Assert.DoesNotContain(dead, silos);
    }
}
