using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Deployments;

public class PromptRouterGrainTests
{
    [Fact]
    public async Task APromptFarLongerThanTheContext_IsRefusedByItsLengthAlone_WithoutBeingTokenized()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()]);
        var router = cluster.Client.GetGrain<IPromptRouterGrain>(TestModels.Llama);
        // 10 million characters: tokenizing them takes seconds; the bound needs one division.
        var job = Jobs.Greedy(TestModels.Llama, [1], maxTokens: 4) with { PromptTokenIds = null, PromptText = new string('x', 10_000_000) };

        var refused = await Assert.ThrowsAsync<PlatformRequestException>(() => router.Route(job, []));

        Assert.Equal(PlatformRequestException.ContextLengthExceeded, refused.Code);
        Assert.Contains("at least", refused.Message);
        Assert.Contains("in the prompt", refused.Message);
    }

    [Fact]
    public async Task MaxTokensNearIntMax_IsRefusedWithTheTrueTokenCount_NotAnOverflow()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()]);
        // The exact check runs in the replica's engine, which must have loaded.
        await cluster.WaitUntilDeploymentReadyAsync(TestModels.Llama, replicas: 1);
        var job = Jobs.Greedy(TestModels.Llama, [1, 2, 3], maxTokens: int.MaxValue);

        var refused = await Assert.ThrowsAsync<PlatformRequestException>(() => Streams.ReadToEndAsync(RoutedGeneration.RunAsync(cluster.Client, job)));

        Assert.Equal(PlatformRequestException.ContextLengthExceeded, refused.Code);
        Assert.Contains($"you requested {3L + int.MaxValue} tokens", refused.Message);
    }
}
