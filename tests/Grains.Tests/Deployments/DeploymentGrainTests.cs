using Platform.Grains.Deployments;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Deployments;

public class DeploymentGrainTests
{
    private const int BlockSize = 16;

    [Fact]
    public async Task SessionPolicy_NewKeysGoToTheLeastLoadedReplica_AndEachKeyStaysWithItsReplica()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2, RoutingPolicy.Session)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        var deployment = cluster.Deployment(TestModels.Llama);
        var (prompt, _) = TestModels.LlamaGolden(0);

        var busyKey = await deployment.Route("a");
        var busy = cluster.Client.GetGrain<IModelGrain>(busyKey);
        await using var longRun = await Streams.ReadSomeAsync(busy.Generate(Jobs.Greedy(TestModels.Llama, prompt, maxTokens: 4000, affinityKey: "a")));
        await Eventually.True(async () => (await busy.GetStatus()).Load.Running == 1, "the long generation runs");

        var b = await RouteAndRunAsync(cluster, "b");
        Assert.NotEqual(busyKey, b);

        // "a" stays with its replica although the other is idle: its prefix is cached there and nothing waits.
        Assert.Equal(busyKey, await RouteAndRunAsync(cluster, "a"));
        Assert.Equal(b, await RouteAndRunAsync(cluster, "b"));
    }

    [Fact]
    public async Task RequestsWithoutAKey_ThatShareAPrompt_LandOnTheReplicaThatCachedIt()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        // Five blocks of 16 tokens: their KV is cached by the replica that prefilled them, and only there.
        var prompt = Enumerable.Range(100, 5 * BlockSize + 2).ToArray();

        var first = await RunRoutedAsync(cluster, prompt);
        Assert.Equal(0, first.Usage!.CachedTokens);
        for (var i = 0; i < 3; i++)
        {
            var again = await RunRoutedAsync(cluster, prompt);
            Assert.True(again.Usage!.CachedTokens >= BlockSize, $"run {i + 2} cached {again.Usage.CachedTokens} prompt tokens: it went to the other replica");
        }
    }

    [Fact]
    public async Task Routing_SpreadsABurstByCountingRoutedRequests_ButTheStatusShowsOnlyWhatReplicasReported()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        var deployment = cluster.Deployment(TestModels.Llama);

        // Nothing runs yet: the burst's routing counts alone make the second key go to the other replica.
        var first = await deployment.Route("burst-1");
        var second = await deployment.Route("burst-2");

        Assert.NotEqual(first, second);
        var status = await deployment.GetStatus();
        Assert.All(status.ReplicaStatuses, r => Assert.Equal(0, r.Load.Waiting));
    }

    [Fact]
    public async Task Describe_ReportsTheModelAndItsContextLength()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()]);

        var description = await cluster.Deployment(TestModels.Llama).Describe();

        Assert.Equal(TestModels.Llama, description.Id);
        Assert.Equal(4096, description.MaxModelLength);
    }

    /// <summary>Routes a short generation with <paramref name="key"/>, runs it on the replica routed to, and returns that replica's key.</summary>
    private static async Task<string> RouteAndRunAsync(GrainTestCluster cluster, string key)
    {
        var replica = await cluster.Deployment(TestModels.Llama).Route(key);
        var job = Jobs.Greedy(TestModels.Llama, TestModels.LlamaGolden(1).PromptIds, maxTokens: 4, affinityKey: key);
        var chunks = await Streams.ReadToEndAsync(cluster.Client.GetGrain<IModelGrain>(replica).Generate(job));
        Assert.Equal("length", chunks[^1].FinishReason);
        return replica;
    }

    /// <summary>Runs a short job without an affinity key the way callers do (route, then stream); returns the final chunk.</summary>
    private static async Task<TokenChunk> RunRoutedAsync(GrainTestCluster cluster, int[] prompt)
    {
        var chunks = await Streams.ReadToEndAsync(RoutedGeneration.RunAsync(cluster.Client, Jobs.Greedy(TestModels.Llama, prompt, maxTokens: 4)));
        Assert.Equal("length", chunks[^1].FinishReason);
        return chunks[^1];
    }
}
