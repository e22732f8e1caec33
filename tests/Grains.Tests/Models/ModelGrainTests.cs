using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Models;

public class ModelGrainTests
{
    [Fact]
    public async Task Generate_OnTinyLlama_StreamsTheReferenceGreedyTokensThenAFinalChunkWithUsage()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()]);
        await cluster.WaitUntilReadyAsync(TestModels.Llama, 0);
        var (prompt, greedy) = TestModels.LlamaGolden(0);

        var chunks = await GenerateAsync(cluster, prompt, greedy.Length);

        Assert.Equal(greedy, chunks.SelectMany(c => c.TokenIds));
        var final = chunks[^1];
        Assert.Equal("length", final.FinishReason);
        Assert.Null(final.Error);
        Assert.Equal(new TokenUsage(prompt.Length, greedy.Length, 0), final.Usage);
    }

    [Fact]
    public async Task Generate_WhileTheReplicaIsLoading_IsRefusedWithModelLoading_AndServesOnceTheLoadCompletes()
    {
        using var gate = LoadGate.Create(TestModels.TinyLlama().Path);
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama() with { Path = gate.Folder }]);
        var grain = cluster.Replica(TestModels.Llama, 0);
        var (prompt, greedy) = TestModels.LlamaGolden(0);
        try
        {
            // Activation starts the load, which now blocks reading the gated config.json.
            Assert.Equal(ReplicaPhase.Loading, (await grain.GetStatus()).Phase);

            var error = await Assert.ThrowsAsync<PlatformRequestException>(() => GenerateAsync(cluster, prompt, greedy.Length));

            Assert.Equal(PlatformRequestException.ModelLoading, error.Code);
            Assert.Equal(ReplicaPhase.Loading, (await grain.GetStatus()).Phase);
        }
        finally
        {
            gate.Open();
        }
        await cluster.WaitUntilReadyAsync(TestModels.Llama, 0);
        Assert.Equal(greedy, (await GenerateAsync(cluster, prompt, greedy.Length)).SelectMany(c => c.TokenIds));
    }

    [Fact]
    public async Task IdleReplica_IsUnloadedAfterItsLastGeneration_AndTheNextRequestLoadsItAgain()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()], modelIdleTimeout: TimeSpan.FromSeconds(1));
        await cluster.WaitUntilReadyAsync(TestModels.Llama, 0);
        var (prompt, greedy) = TestModels.LlamaGolden(0);
        await GenerateAsync(cluster, prompt, greedy.Length);

        // Watched through logs and the deployment only: a call to the replica would keep it (or bring it back) in memory.
        await Eventually.True(() => cluster.Logs.Messages.Any(m => m.Contains("replica 0 unloaded", StringComparison.Ordinal)),
            "the idle replica is unloaded", timeoutSeconds: 20);
        await Eventually.True(async () => (await cluster.Deployment(TestModels.Llama).GetStatus()).ReplicaStatuses[0].Phase == ReplicaPhase.Unloaded,
            "the deployment sees the replica unloaded");

        await cluster.WaitUntilReadyAsync(TestModels.Llama, 0);
        (prompt, greedy) = TestModels.LlamaGolden(1);
        var chunks = await GenerateAsync(cluster, prompt, greedy.Length);
        Assert.Equal(greedy, chunks.SelectMany(c => c.TokenIds));
        Assert.Equal(2, cluster.Logs.Messages.Count(m => m.Contains("ready: cold start", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DisposingTheStreamEarly_CancelsTheGeneration_AndFreesItsSequence()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()]);
        var grain = cluster.Replica(TestModels.Llama, 0);
        await cluster.WaitUntilReadyAsync(TestModels.Llama, 0);
        var (prompt, _) = TestModels.LlamaGolden(2);
        const int maxTokens = 4000;

        await using (var held = await Streams.ReadSomeAsync(grain.Generate(Jobs.Greedy(TestModels.Llama, prompt, maxTokens)), chunks: 3))
            Assert.True((await grain.GetStatus()).Load.KvUsage > 0, "the held generation occupies KV blocks");

        // Well before Orleans would clean up an abandoned enumerator (30 s or more): the dispose itself cancelled it.
        await Eventually.True(async () => (await grain.GetStatus()).Load is { Running: 0, Waiting: 0, KvUsage: 0 },
            "the cancelled sequence's blocks are free", timeoutSeconds: 10);
        var generated = (await grain.GetStatus()).Load.GeneratedTokens;
        Assert.True(generated < maxTokens, $"the generation ran to {generated} tokens");
    }

    [Fact]
    public async Task Generate_RefusesAPromptThatLeavesNoRoomInTheContext()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyLlama()]);
        await cluster.WaitUntilReadyAsync(TestModels.Llama, 0);
        var (prompt, _) = TestModels.LlamaGolden(0);

        var error = await Assert.ThrowsAsync<PlatformRequestException>(() => GenerateAsync(cluster, prompt, maxTokens: 1_000_000));

        Assert.Equal(PlatformRequestException.ContextLengthExceeded, error.Code);
    }

    private static Task<List<TokenChunk>> GenerateAsync(GrainTestCluster cluster, int[] prompt, int maxTokens) =>
        Streams.ReadToEndAsync(cluster.Replica(TestModels.Llama, 0).Generate(Jobs.Greedy(TestModels.Llama, prompt, maxTokens)));
}
