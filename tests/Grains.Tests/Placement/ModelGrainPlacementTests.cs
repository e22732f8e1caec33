using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Platform.Grains.Placement;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Placement;

public class ModelGrainPlacementTests
{
    [Fact]
    public async Task ModelGrains_ArePlacedByModelReplicaPlacement_AndNeverMigratedByTheRuntime()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()]);
        var grainType = cluster.Replica(TestModels.Llama, 0).GetGrainId().Type;

        var properties = cluster.Silos[0].ServiceProvider.GetRequiredService<GrainPropertiesResolver>().GetGrainProperties(grainType).Properties;

        Assert.Equal(nameof(ModelReplicaPlacement), properties[WellKnownGrainTypeProperties.PlacementStrategy]);
        // Neither the rebalancer nor the repartitioner may move a replica off the silo whose KV memory it was placed by.
        Assert.Equal(((byte)Orleans.Placement.ImmovableKind.Any).ToString(), properties[WellKnownGrainTypeProperties.Immovable]);
    }
}
