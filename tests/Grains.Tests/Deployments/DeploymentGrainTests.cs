using Platform.Grains.Interfaces.Models;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Deployments;

public class DeploymentGrainTests
{
    [Fact]
    public async Task NewKeys_GoToTheLeastLoadedReplica_AndEachKeyStaysWithItsReplica()
    {
        await using var silo = await GrainTestSilo.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        var deployment = silo.Grains.GetGrain<IDeploymentGrain>(TestModels.Llama);
        foreach (var r in new[] { 0, 1 })
            await silo.Grains.GetGrain<IModelGrain>($"{TestModels.Llama}/{r}").GetLoad();
        var (prompt, _) = TestModels.LlamaGolden(0);

        var longJob = Jobs.Greedy(TestModels.Llama, prompt, maxTokens: 4000, affinityKey: "a");
        var longRun = await RunningGeneration.StartAsync(silo.Services, longJob.RequestId, () => deployment.Generate(longJob));
        var busy = silo.Grains.GetGrain<IModelGrain>(longRun.Started.ReplicaKey);
        await Eventually.True(async () => (await busy.GetLoad()).Running == 1, "the long generation runs");

        var b = await RunToEndAsync(silo, deployment, "b");
        Assert.NotEqual(longRun.Started.ReplicaKey, b);

        // "a" stays with its replica although the other is idle: its prefix is cached there and nothing waits.
        Assert.Equal(longRun.Started.ReplicaKey, await RunToEndAsync(silo, deployment, "a"));
        Assert.Equal(b, await RunToEndAsync(silo, deployment, "b"));

        await busy.Cancel(longJob.RequestId);
        Assert.Equal("abort", (await longRun.Chunks)[^1].FinishReason);
    }

    [Fact]
    public async Task RequestsWithoutAKey_ThatShareAPrompt_LandOnTheSameReplica()
    {
        await using var silo = await GrainTestSilo.StartAsync([TestModels.TinyLlama(replicas: 2)]);
        var deployment = silo.Grains.GetGrain<IDeploymentGrain>(TestModels.Llama);
        var (prompt, _) = TestModels.LlamaGolden(3);

        var first = await RunToEndAsync(silo, deployment, null, prompt);
        for (var i = 0; i < 3; i++)
            Assert.Equal(first, await RunToEndAsync(silo, deployment, null, prompt));
    }

    [Fact]
    public async Task Describe_ReportsTheModelAndItsContextLength()
    {
        await using var silo = await GrainTestSilo.StartAsync([TestModels.TinyLlama()]);

        var description = await silo.Grains.GetGrain<IDeploymentGrain>(TestModels.Llama).Describe();

        Assert.Equal(TestModels.Llama, description.Id);
        Assert.Equal(4096, description.MaxModelLength);
    }

    private static async Task<string> RunToEndAsync(GrainTestSilo silo, IDeploymentGrain deployment, string? key, int[]? prompt = null)
    {
        var job = Jobs.Greedy(TestModels.Llama, prompt ?? TestModels.LlamaGolden(1).PromptIds, maxTokens: 4, affinityKey: key);
        var run = await RunningGeneration.StartAsync(silo.Services, job.RequestId, () => deployment.Generate(job));
        Assert.Equal("length", (await run.Chunks)[^1].FinishReason);
        return run.Started.ReplicaKey;
    }
}
