using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Platform.Grains.Catalog;
using Platform.Grains.Placement;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Placement;

public class ModelReplicaPlacementDirectorTests
{
    [Fact]
    public async Task WhenNoSiloOffersTheModel_AnActivationStillGetsACompatibleSilo()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()], silos: 2);
        await PlacementBoard.WaitForEverySiloAsync(cluster);
        // This director's silo serves qwen, which no silo of the cluster offers.
        var director = new ModelReplicaPlacementDirector(cluster.Client, new ModelCatalog([TestModels.TinyQwen2()]), NullLogger<ModelReplicaPlacementDirector>.Instance);
        var context = new FixedSilos([.. cluster.Silos.Select(s => s.SiloAddress)]);
        var target = new PlacementTarget(GrainId.Create("modelgrain", GrainTestCluster.ReplicaKey(TestModels.Qwen, 0)), [], default, 0);

        var silo = await director.OnAddActivation(new ModelReplicaPlacement(), target, context);

        Assert.Contains(silo, context.Silos);
    }

    private sealed class FixedSilos(SiloAddress[] silos) : IPlacementContext
    {
        public SiloAddress[] Silos => silos;

        public SiloAddress LocalSilo => silos[0];

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => silos;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) => new Dictionary<ushort, SiloAddress[]> { [0] = silos };
    }
}
