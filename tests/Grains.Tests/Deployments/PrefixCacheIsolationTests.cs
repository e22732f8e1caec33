using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Deployments;

/// <summary>The prefix cache is salted per tenant (and per cache_salt): cached blocks, and the router's index, serve only their own salt.</summary>
public class PrefixCacheIsolationTests
{
    private const int BlockSize = 16;

    // Five full blocks: enough that a hit is unmistakable.
    private static readonly int[] Prompt = Enumerable.Range(300, 5 * BlockSize + 3).ToArray();

    [Fact]
    public async Task AnotherTenantsSamePrompt_GetsNoCachedTokens_WhileTheFirstTenantsSecondCallDoes()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);

        Assert.Equal(0, await CachedTokensAsync(cluster, tenant: "a"));
        Assert.Equal(0, await CachedTokensAsync(cluster, tenant: "b"));
        Assert.True(await CachedTokensAsync(cluster, tenant: "a") >= 4 * BlockSize);
        Assert.True(await CachedTokensAsync(cluster, tenant: "b") >= 4 * BlockSize);
    }

    [Fact]
    public async Task DifferentCacheSalts_OfOneTenant_ShareNothing_AndTheSameSaltShares()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 1);

        Assert.Equal(0, await CachedTokensAsync(cluster, tenant: "a", salt: "one"));
        Assert.Equal(0, await CachedTokensAsync(cluster, tenant: "a", salt: "two"));
        Assert.Equal(0, await CachedTokensAsync(cluster, tenant: "a"));
        Assert.True(await CachedTokensAsync(cluster, tenant: "a", salt: "one") >= 4 * BlockSize);
    }

    [Fact]
    public async Task AModelWithASharedPrefixCache_ServesOneTenantsBlocksToAnother_UnlessCacheSaltsDiffer()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama() with { SharedPrefixCache = true }]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 1);

        Assert.Equal(0, await CachedTokensAsync(cluster, tenant: "a"));
        Assert.True(await CachedTokensAsync(cluster, tenant: "b") >= 4 * BlockSize);
        Assert.Equal(0, await CachedTokensAsync(cluster, tenant: "b", salt: "private"));
        Assert.True(await CachedTokensAsync(cluster, tenant: "a", salt: "private") >= 4 * BlockSize);
    }

    [Fact]
    public async Task TheRoutersIndex_IsSaltedToo_SoAnotherTenantsPromptIsNotSentToTheReplicaHoldingItsTwin()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 2);
        var holder = await RouteAsync(cluster, "a");
        await CachedTokensAsync(cluster, tenant: "a");
        // Make the holder the busier replica: only a prefix match (80 tokens of reuse against a 32-token load penalty) still sends work there.
        var holderIndex = int.Parse(holder[(holder.LastIndexOf('/') + 1)..]);
        var (longPrompt, _) = TestModels.LlamaGolden(0);
        await using var busy = await Streams.ReadSomeAsync(cluster.Replica(TestModels.Llama, holderIndex).Generate(Jobs.Greedy(TestModels.Llama, longPrompt, maxTokens: 4000)));
        await Eventually.True(async () => (await cluster.Deployment(TestModels.Llama).GetStatus()).ReplicaStatuses.Single(r => r.ReplicaKey == holder).Load.Running == 1,
            "the deployment sees the holder busy");

        Assert.Equal(holder, await RouteAsync(cluster, "a"));
        Assert.NotEqual(holder, await RouteAsync(cluster, "b"));
    }

    [Fact]
    public void Salts_SeparateTenantAndCacheSaltUnambiguously()
    {
        static GenerationJob Job(string? tenant, string? salt) => Jobs.Greedy("m", [1], 1) with { Tenant = tenant, CacheSalt = salt };

        Assert.Null(PrefixCacheSalt.Of(Job(null, null), sharedAcrossTenants: false));
        Assert.Null(PrefixCacheSalt.Of(Job("a", null), sharedAcrossTenants: true));
        Assert.NotEqual(PrefixCacheSalt.Of(Job("a|s1:x", null), false), PrefixCacheSalt.Of(Job("a", "x"), false));
        Assert.NotEqual(PrefixCacheSalt.Of(Job("a", null), false), PrefixCacheSalt.Of(Job(null, "a"), false));
        Assert.Equal(PrefixCacheSalt.Of(Job("a", "x"), true), PrefixCacheSalt.Of(Job("b", "x"), true));
    }

    /// <summary>Where the prompt router sends the prompt for <paramref name="tenant"/> (a stateless worker: tokenizes, salts, asks the deployment).</summary>
    private static async Task<string> RouteAsync(GrainTestCluster cluster, string tenant)
    {
        var job = Jobs.Greedy(TestModels.Llama, Prompt, maxTokens: 2) with { Tenant = tenant };
        return (await cluster.Client.GetGrain<IPromptRouterGrain>(TestModels.Llama).Route(job, [])).ReplicaKey;
    }

    /// <summary>Runs the prompt for <paramref name="tenant"/> as the API does (route, then stream) and returns its cached prompt tokens.</summary>
    private static async Task<int> CachedTokensAsync(GrainTestCluster cluster, string tenant, string? salt = null)
    {
        var job = Jobs.Greedy(TestModels.Llama, Prompt, maxTokens: 2) with { Tenant = tenant, CacheSalt = salt };
        var chunks = await Streams.ReadToEndAsync(RoutedGeneration.RunAsync(cluster.Client, job));
        Assert.Equal("length", chunks[^1].FinishReason);
        return chunks[^1].Usage!.CachedTokens;
    }
}
