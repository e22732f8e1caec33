using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Placement;

/// <summary>`--replicas auto`: one replica per silo that serves the model, following silos as they join and leave.</summary>
public class AutoReplicaTests
{
    [Fact]
    public async Task AutoReplicas_GiveEverySiloOne_AJoiningSiloGetsOne_AndALeavingSilosIsNotDoubledUpElsewhere()
    {
        var auto = TestModels.TinyLlama() with { Replicas = ServedModelOptions.MaxReplicas, AutoReplicas = true };
        await using var cluster = await GrainTestCluster.StartAsync([auto], silos: 2);
        await PlacementBoard.WaitForEverySiloAsync(cluster);
        var deployment = cluster.Deployment(TestModels.Llama);

        await WaitForReadyOnDistinctSilosAsync(deployment, 2);
        var joined = await cluster.Cluster.StartAdditionalSiloAsync();
        var silos = await WaitForReadyOnDistinctSilosAsync(deployment, 3);
        Assert.Contains(joined.SiloAddress.ToParsableString(), silos);

        await cluster.Cluster.StopSiloAsync(joined);
        await WaitForReadyOnDistinctSilosAsync(deployment, 2);
        // The count follows the silos: the two survivors keep one each, nobody takes a second (a few replica-count periods).
        await Task.Delay(TimeSpan.FromSeconds(5));
        var status = await deployment.GetStatus();
        Assert.Equal(2, status.Replicas);
        Assert.Equal(2, status.ReplicaStatuses.Count(r => r.Phase == ReplicaPhase.Ready));
    }

    private static async Task<List<string>> WaitForReadyOnDistinctSilosAsync(IDeploymentGrain deployment, int count)
    {
        var silos = new List<string>();
        await Eventually.True(async () =>
        {
            var status = await deployment.GetStatus();
            silos = status.ReplicaStatuses.Where(r => r.Phase == ReplicaPhase.Ready).Select(r => r.Silo).ToList();
            return silos.Count == count && silos.Distinct().Count() == count;
        }, $"{count} ready replicas on {count} distinct silos", timeoutSeconds: 60, detail: () => string.Join(", ", silos));
        return silos;
    }
}
