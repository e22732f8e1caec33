using Microsoft.Extensions.DependencyInjection;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Interfaces.Sessions;
using Platform.Grains.Sessions;
using Platform.Grains.Tests.Support;
using Platform.Runtime;
using Platform.Runtime.Storage;

namespace Platform.Grains.Tests.Sessions;

public class SessionGrainTests
{
    private const int BlockSize = 16;

    [Fact]
    public async Task Turn_StoresTheMessagesAndTheReply()
    {
        await using var silo = await StartAsync();
        var session = NewSession(silo, out _);

        var (reply, _) = await ChatAsync(silo, session, "Hello!", maxTokens: 6);

        var transcript = await WaitForTurnsAsync(session, 1);
        Assert.Equal(TestModels.Qwen, transcript.Model);
        Assert.Equal([new ChatMessageData("user", "Hello!"), new ChatMessageData("assistant", reply)], transcript.Messages);
        Assert.NotEmpty(reply);
    }

    [Fact]
    public async Task SecondTurn_PromptStartsWithTheStoredIds_AndReusesTheirCachedBlocks()
    {
        await using var silo = await StartAsync();
        var session = NewSession(silo, out var id);
        await ChatAsync(silo, session, "Hello!", maxTokens: 8);
        await WaitForTurnsAsync(session, 1);
        var firstIds = await StoredIdsAsync(silo, id);

        // Sent straight after the first reply's final chunk, as a client would.
        var (_, final) = await ChatAsync(silo, session, "Tell me a story about a cat.", maxTokens: 8);

        await WaitForTurnsAsync(session, 2);
        var secondIds = await StoredIdsAsync(silo, id);
        Assert.True(secondIds.Count > firstIds.Count + 8);
        Assert.Equal(firstIds, secondIds.Take(firstIds.Count));
        Assert.True(final.Usage!.CachedTokens >= firstIds.Count - BlockSize,
            $"cached {final.Usage.CachedTokens} of the {firstIds.Count} tokens stored after the first turn");
        Assert.True(final.Usage.PromptTokens > firstIds.Count);
    }

    [Fact]
    public async Task AbortedTurn_LeavesTheConversationUnchanged()
    {
        await using var silo = await StartAsync();
        var session = NewSession(silo, out var id);
        await ChatAsync(silo, session, "Hello!", maxTokens: 4);
        var before = await WaitForTurnsAsync(session, 1);
        var idsBefore = await StoredIdsAsync(silo, id);

        var turn = Turn("Tell me a long story.", maxTokens: 3000);
        var run = await RunningGeneration.StartAsync(silo.Services, turn.RequestId, () => session.Chat(turn));
        await silo.Grains.GetGrain<IModelGrain>(run.Started.ReplicaKey).Cancel(turn.RequestId);
        Assert.Equal("abort", (await run.Chunks)[^1].FinishReason);

        var (reply, _) = await ChatAsync(silo, session, "Hi again", maxTokens: 4);
        var after = await WaitForTurnsAsync(session, 2);
        Assert.Equal([.. before.Messages, new ChatMessageData("user", "Hi again"), new ChatMessageData("assistant", reply)], after.Messages);
        Assert.Equal(idsBefore, (await StoredIdsAsync(silo, id)).Take(idsBefore.Count));
    }

    [Fact]
    public async Task TurnWhileAnotherIsAnswering_IsRefusedAsSessionBusy()
    {
        await using var silo = await StartAsync();
        var session = NewSession(silo, out _);
        var turn = Turn("Tell me a long story.", maxTokens: 3000);
        var run = await RunningGeneration.StartAsync(silo.Services, turn.RequestId, () => session.Chat(turn));

        var error = await Assert.ThrowsAsync<PlatformRequestException>(() => session.Chat(Turn("And another?", maxTokens: 4)));

        Assert.Equal(PlatformRequestException.SessionBusy, error.Code);
        await silo.Grains.GetGrain<IModelGrain>(run.Started.ReplicaKey).Cancel(turn.RequestId);
        await run.Chunks;
    }

    [Fact]
    public async Task Delete_RemovesTheConversation()
    {
        await using var silo = await StartAsync();
        var session = NewSession(silo, out var id);
        await ChatAsync(silo, session, "Hello!", maxTokens: 4);
        await WaitForTurnsAsync(session, 1);

        Assert.True(await session.Delete());

        Assert.Null(await session.Get());
        Assert.Null(await Storage(silo).ReadAsync(new GrainId("session", id), "session"));
        Assert.False(await session.Delete());
    }

    [Fact]
    public async Task Conversation_SurvivesANewActivationOnAnotherSilo()
    {
        var storage = new MemoryGrainStorage(GrainStorageNames.Default);
        var id = $"s-{Guid.NewGuid():N}";
        SessionTranscript first;
        string reply;
        await using (var silo = await StartAsync(storage))
        {
            var session = silo.Grains.GetGrain<ISessionGrain>(id);
            (reply, _) = await ChatAsync(silo, session, "Hello!", maxTokens: 4);
            first = await WaitForTurnsAsync(session, 1);
        }

        await using var next = await StartAsync(storage);
        var again = next.Grains.GetGrain<ISessionGrain>(id);
        var restored = await again.Get();
        Assert.NotNull(restored);
        Assert.Equal(first.Messages, restored.Messages);
        Assert.Equal((first.Model, first.TokenCount, first.Turns, first.CreatedAt, first.UpdatedAt),
            (restored.Model, restored.TokenCount, restored.Turns, restored.CreatedAt, restored.UpdatedAt));
        await ChatAsync(next, again, "Go on.", maxTokens: 4);
        var second = await WaitForTurnsAsync(again, 2);
        Assert.Equal([new ChatMessageData("user", "Hello!"), new ChatMessageData("assistant", reply)], second.Messages.Take(2));
        Assert.Equal(first.CreatedAt, second.CreatedAt);
    }

    private static Task<GrainTestSilo> StartAsync(IGrainStorage? storage = null) =>
        GrainTestSilo.StartAsync([TestModels.TinyQwen2()], storage: storage);

    private static ISessionGrain NewSession(GrainTestSilo silo, out string id)
    {
        id = $"s-{Guid.NewGuid():N}";
        return silo.Grains.GetGrain<ISessionGrain>(id);
    }

    private static SessionTurn Turn(string text, int maxTokens) =>
        new(Jobs.NewRequestId(), TestModels.Qwen, [new ChatMessageData("user", text)], maxTokens, [], new SamplingSettings { Temperature = 0 });

    /// <summary>Runs one turn to its final chunk; returns the reply text and that chunk.</summary>
    private static async Task<(string Reply, TokenChunk Final)> ChatAsync(GrainTestSilo silo, ISessionGrain session, string text, int maxTokens)
    {
        var turn = Turn(text, maxTokens);
        var run = await RunningGeneration.StartAsync(silo.Services, turn.RequestId, () => session.Chat(turn));
        var chunks = await run.Chunks;
        Assert.Null(chunks[^1].Error);
        Assert.Equal("length", chunks[^1].FinishReason);
        return (string.Concat(chunks.Select(c => c.Text)), chunks[^1]);
    }

    /// <summary>The reply is stored by the session itself when it sees the final chunk; wait for that.</summary>
    private static async Task<SessionTranscript> WaitForTurnsAsync(ISessionGrain session, int turns)
    {
        SessionTranscript? transcript = null;
        await Eventually.True(async () => (transcript = await session.Get()) is { } t && t.Turns == turns, $"the session has {turns} turns");
        return transcript!;
    }

    private static IGrainStorage Storage(GrainTestSilo silo) => silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);

    private static async Task<List<int>> StoredIdsAsync(GrainTestSilo silo, string id)
    {
        var grainId = new GrainId("session", id);
        var record = await Storage(silo).ReadAsync(grainId, "session");
        Assert.NotNull(record);
        return silo.Services.GetRequiredService<GrainStateSerializer>().Deserialize<SessionState>(record.Value.Json, grainId, "session").TokenIds;
    }
}
