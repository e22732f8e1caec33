using Microsoft.Extensions.DependencyInjection;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Cluster;

public class TwoSiloTests
{
    [Fact]
    public async Task ReplicasOnEitherSilo_StreamTheReferenceTokensToACallerOnTheOtherSilo_AndToTheClient()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)], silos: 2);
        var silos = cluster.Silos;
        var (prompt, greedy) = TestModels.LlamaGolden(0);

        for (var r = 0; r < 2; r++)
        {
            await cluster.PlaceReplicaAsync(TestModels.Llama, r, silos[r]);
            var otherSilo = silos[1 - r].ServiceProvider.GetRequiredService<IGrainFactory>();
            foreach (var caller in new[] { otherSilo, cluster.Client })
            {
                var replica = caller.GetGrain<IModelGrain>(GrainTestCluster.ReplicaKey(TestModels.Llama, r));
                var chunks = await Streams.ReadToEndAsync(replica.Generate(Jobs.Greedy(TestModels.Llama, prompt, greedy.Length)));
                Assert.Equal(greedy, chunks.SelectMany(c => c.TokenIds));
                Assert.Equal(new TokenUsage(prompt.Length, greedy.Length, 0), chunks[^1].Usage);
            }
        }
    }

    [Fact]
    public async Task KilledSilo_ItsReplicaIsRoutedAround_ItsKeysAreServedByASurvivingReplica_AndItIsRecreatedOnTheSurvivor()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)], silos: 2);
        var (survivor, doomed) = (cluster.Silos[0], cluster.Silos[1]);
        var deployment = cluster.Deployment(TestModels.Llama);
        // The router holds its replicas' reports in memory: it lives on the silo that survives.
        await GrainTestCluster.OnSiloAsync(survivor, deployment.GetStatus);
        Assert.Equal(survivor.SiloAddress, cluster.SiloOf(deployment));
        await cluster.PlaceReplicaAsync(TestModels.Llama, 0, survivor);
        await cluster.PlaceReplicaAsync(TestModels.Llama, 1, doomed);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        var (onSurvivor, onDoomed) = (GrainTestCluster.ReplicaKey(TestModels.Llama, 0), GrainTestCluster.ReplicaKey(TestModels.Llama, 1));
        var key = await KeyRoutedToAsync(deployment, onDoomed);
        var (prompt, greedy) = TestModels.LlamaGolden(1);
        var job = Jobs.Greedy(TestModels.Llama, prompt, greedy.Length, affinityKey: key);
        Assert.Equal(greedy, (await Streams.ReadToEndAsync(RoutedGeneration.RunAsync(cluster.Client, job))).SelectMany(c => c.TokenIds));
        Assert.Equal(0, (await cluster.Replica(TestModels.Llama, 0).GetStatus()).Load.GeneratedTokens);

        await cluster.Cluster.KillSiloAsync(doomed);

        var chunks = await Streams.ReadToEndAsync(RoutedGeneration.RunAsync(cluster.Client, job with { RequestId = Jobs.NewRequestId() }));
        Assert.Null(chunks[^1].Error);
        Assert.Equal(greedy, chunks.SelectMany(c => c.TokenIds));
        // The engine's counters are a snapshot taken after each step, which can trail the last token the client already has.
        await Eventually.True(async () => await cluster.Replica(TestModels.Llama, 0).GetStatus() is var status
            && status.Silo == survivor.SiloAddress.ToParsableString() && status.Load.GeneratedTokens == greedy.Length,
            "the survivor to have generated the whole answer", timeoutSeconds: 10);
        Assert.Equal(onSurvivor, await deployment.Route(key));
        // The lost replica is activated again, on the silo that is left: the deployment keeps its replica count.
        await Eventually.True(async () => (await deployment.GetStatus()).ReplicaStatuses[1] is { Phase: ReplicaPhase.Ready } status
            && status.Silo == survivor.SiloAddress.ToParsableString(), "the killed silo's replica to be ready again on the survivor", timeoutSeconds: 60);
    }

    /// <summary>A fresh affinity key the deployment routes to <paramref name="replica"/> (new keys alternate over idle replicas).</summary>
    private static async Task<string> KeyRoutedToAsync(IDeploymentGrain deployment, string replica)
    {
        for (var i = 0; i < 10; i++)
        {
            var key = $"key-{i}";
            if (await deployment.Route(key) == replica)
                return key;
        }
        Assert.Fail($"no new key was routed to {replica}");
        return "";
    }
}
