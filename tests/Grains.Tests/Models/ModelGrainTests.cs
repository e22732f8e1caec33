using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Models;

public class ModelGrainTests
{
    private const string Replica = TestModels.Llama + "/0";

    [Fact]
    public async Task Generate_OnTinyLlama_StreamsTheReferenceGreedyTokensThenAFinalChunkWithUsage()
    {
        await using var silo = await GrainTestSilo.StartAsync([TestModels.TinyLlama()]);
        var (prompt, greedy) = TestModels.LlamaGolden(0);

        var chunks = await GenerateAsync(silo, prompt, greedy.Length);

        Assert.Equal(greedy, chunks.SelectMany(c => c.TokenIds));
        var final = chunks[^1];
        Assert.Equal("length", final.FinishReason);
        Assert.Null(final.Error);
        Assert.Equal(new TokenUsage(prompt.Length, greedy.Length, 0), final.Usage);
        Assert.All(chunks[..^1], c => Assert.False(c.IsFinal));
    }

    [Fact]
    public async Task IdleReplica_IsUnloadedAfterItsLastGeneration_AndTheNextRequestLoadsItAgain()
    {
        await using var silo = await GrainTestSilo.StartAsync([TestModels.TinyLlama()], o =>
        {
            o.CollectionAgeByGrainType["model"] = TimeSpan.FromSeconds(1);
            o.CollectionScanPeriod = TimeSpan.FromMilliseconds(200);
        });
        var model = silo.Catalog.Get(TestModels.Llama);
        var (prompt, greedy) = TestModels.LlamaGolden(0);
        await GenerateAsync(silo, prompt, greedy.Length);
        Assert.Equal(ReplicaPhase.Ready, model.Phase(0));

        // Well under the 30 s busy keep-alive: the idle clock restarts when the generation ends instead.
        await Eventually.True(() => model.Phase(0) == ReplicaPhase.Unloaded, "the idle replica is unloaded", timeoutSeconds: 20);
        Assert.Contains(silo.Logs.Messages, m => m.Contains("replica 0 unloaded", StringComparison.Ordinal));

        (prompt, greedy) = TestModels.LlamaGolden(1);
        var chunks = await GenerateAsync(silo, prompt, greedy.Length);
        Assert.Equal(greedy, chunks.SelectMany(c => c.TokenIds));
        Assert.Equal(ReplicaPhase.Ready, model.Phase(0));
        Assert.Equal(2, silo.Logs.Messages.Count(m => m.Contains("ready: cold start", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Cancel_EndsTheStreamWithAbort_AndFreesTheSequence()
    {
        await using var silo = await GrainTestSilo.StartAsync([TestModels.TinyLlama()]);
        var grain = silo.Grains.GetGrain<IModelGrain>(Replica);
        var (prompt, _) = TestModels.LlamaGolden(2);
        var job = Jobs.Greedy(TestModels.Llama, prompt, maxTokens: 4000);
        var run = await RunningGeneration.StartAsync(silo.Services, job.RequestId, () => grain.Generate(job));

        await grain.Cancel(job.RequestId);

        var chunks = await run.Chunks;
        Assert.Equal("abort", chunks[^1].FinishReason);
        Assert.True(chunks.Sum(c => c.TokenIds.Count) < 4000);
        await Eventually.True(async () => await grain.GetLoad() is { Running: 0, Waiting: 0, KvUsage: 0 }, "the cancelled sequence's blocks are free");
    }

    [Fact]
    public async Task Generate_RefusesAPromptThatLeavesNoRoomInTheContext()
    {
        await using var silo = await GrainTestSilo.StartAsync([TestModels.TinyLlama()]);
        var grain = silo.Grains.GetGrain<IModelGrain>(Replica);
        var (prompt, _) = TestModels.LlamaGolden(0);

        var error = await Assert.ThrowsAsync<PlatformRequestException>(() => grain.Generate(Jobs.Greedy(TestModels.Llama, prompt, maxTokens: 1_000_000)));

        Assert.Equal(PlatformRequestException.ContextLengthExceeded, error.Code);
    }

    private static async Task<List<TokenChunk>> GenerateAsync(GrainTestSilo silo, int[] prompt, int maxTokens)
    {
        var job = Jobs.Greedy(TestModels.Llama, prompt, maxTokens);
        var run = await RunningGeneration.StartAsync(silo.Services, job.RequestId, () => silo.Grains.GetGrain<IModelGrain>(Replica).Generate(job));
        Assert.Equal(Replica, run.Started.ReplicaKey);
        Assert.Equal(prompt.Length, run.Started.PromptTokens);
        return await run.Chunks;
    }
}
