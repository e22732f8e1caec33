using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;
using Platform.Grains.Sessions;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Sessions;

public class SessionGrainTests
{
    private const int BlockSize = 16;

    [Fact]
    public async Task Turn_IsStoredWithItsReply_ByTheTimeItsFinalChunkArrives()
    {
        await using var cluster = await StartAsync();
        var session = NewSession(cluster);

        var (reply, _) = await ChatAsync(session, "Hello!", maxTokens: 6);

        // No waiting: a caller that read the final chunk finds the turn stored.
        var transcript = await session.Get();
        Assert.NotNull(transcript);
        Assert.Equal((TestModels.Qwen, 1), (transcript.Model, transcript.Turns));
        Assert.Equal([new ChatMessageData("user", "Hello!"), new ChatMessageData("assistant", reply)], transcript.Messages);
        Assert.NotEmpty(reply);
    }

    [Fact]
    public async Task SecondTurn_PromptStartsWithTheStoredIds_AndReusesTheirCachedBlocks()
    {
        await using var cluster = await StartAsync();
        var session = NewSession(cluster);
        await ChatAsync(session, "Hello!", maxTokens: 8);
        var firstIds = await StoredIdsAsync(cluster, session);

        // Sent straight after the first reply's final chunk, as a client would.
        var (_, final) = await ChatAsync(session, "Tell me a story about a cat.", maxTokens: 8);

        var secondIds = await StoredIdsAsync(cluster, session);
        Assert.True(secondIds.Count > firstIds.Count + 8);
        Assert.Equal(firstIds, secondIds.Take(firstIds.Count));
        Assert.True(final.Usage!.CachedTokens >= firstIds.Count - BlockSize,
            $"cached {final.Usage.CachedTokens} of the {firstIds.Count} tokens stored after the first turn");
        Assert.True(final.Usage.PromptTokens > firstIds.Count);
    }

    [Fact]
    public async Task AbandonedTurn_LeavesTheConversationUnchanged_AndTheNextTurnFollowsTheLastStoredOne()
    {
        await using var cluster = await StartAsync();
        var session = NewSession(cluster);
        await ChatAsync(session, "Hello!", maxTokens: 4);
        var before = await session.Get();
        var idsBefore = await StoredIdsAsync(cluster, session);

        await using (await Streams.ReadSomeAsync(session.Chat(Turn("Tell me a long story.", maxTokens: 3000)), chunks: 2))
        {
        }

        AssertSameConversation(before, await session.Get());
        var (reply, _) = await ChatAsync(session, "Hi again", maxTokens: 4);
        var after = await session.Get();
        Assert.Equal([.. before!.Messages, new ChatMessageData("user", "Hi again"), new ChatMessageData("assistant", reply)], after!.Messages);
        Assert.Equal(2, after.Turns);
        Assert.Equal(idsBefore, (await StoredIdsAsync(cluster, session)).Take(idsBefore.Count));
    }

    [Fact]
    public async Task TurnWhileAnotherIsAnswering_IsRefusedAsSessionBusy()
    {
        await using var cluster = await StartAsync();
        var session = NewSession(cluster);
        await using var running = await Streams.ReadSomeAsync(session.Chat(Turn("Tell me a long story.", maxTokens: 3000)));

        var error = await Assert.ThrowsAsync<PlatformRequestException>(() => Streams.ReadToEndAsync(session.Chat(Turn("And another?", maxTokens: 4))));

        Assert.Equal(PlatformRequestException.SessionBusy, error.Code);
    }

    [Fact]
    public async Task Delete_RemovesTheConversationFromStorage()
    {
        await using var cluster = await StartAsync();
        var session = NewSession(cluster);
        await ChatAsync(session, "Hello!", maxTokens: 4);
        Assert.True((await cluster.ReadStateAsync<SessionState>(session, "session")).RecordExists);

        Assert.True(await session.Delete());

        Assert.Null(await session.Get());
        Assert.False((await cluster.ReadStateAsync<SessionState>(session, "session")).RecordExists);
        Assert.False(await session.Delete());
    }

    [Fact]
    public async Task Conversation_SurvivesItsSiloStopping_AndGoesOnInANewActivationOnTheOtherSilo()
    {
        await using var cluster = await StartAsync(silos: 2, new SharedGrainStorage());
        var session = NewSession(cluster);
        var (reply, _) = await ChatAsync(session, "Hello!", maxTokens: 4);
        var stored = await session.Get();

        await cluster.Cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(cluster.SiloOf(session))));
        var restored = await session.Get();

        Assert.Equal(cluster.Silos.Single().SiloAddress, cluster.SiloOf(session));
        AssertSameConversation(stored, restored);
        // The replica may have stopped with the silo: the next turn needs it loaded again.
        await cluster.WaitUntilReadyAsync(TestModels.Qwen, 0);
        await ChatAsync(session, "Go on.", maxTokens: 4);
        var next = await session.Get();
        Assert.Equal([new ChatMessageData("user", "Hello!"), new ChatMessageData("assistant", reply)], next!.Messages.Take(2));
        Assert.Equal((2, stored!.CreatedAt), (next.Turns, next.CreatedAt));
    }

    private static async Task<GrainTestCluster> StartAsync(short silos = 1, SharedGrainStorage? storage = null)
    {
        var cluster = await GrainTestCluster.StartAsync([TestModels.TinyQwen2()], silos, storage: storage);
        // Turns route to the replica: have it loaded, or the first turn is refused as model_loading.
        await cluster.WaitUntilReadyAsync(TestModels.Qwen, 0);
        return cluster;
    }

    private static ISessionGrain NewSession(GrainTestCluster cluster) => cluster.Client.GetGrain<ISessionGrain>($"s-{Guid.NewGuid():N}");

    private static SessionTurn Turn(string text, int maxTokens) =>
        new(Jobs.NewRequestId(), TestModels.Qwen, [new ChatMessageData("user", text)], maxTokens, [], new SamplingSettings { Temperature = 0 });

    /// <summary>Runs one turn to its final chunk; returns the reply text and that chunk.</summary>
    private static async Task<(string Reply, TokenChunk Final)> ChatAsync(ISessionGrain session, string text, int maxTokens)
    {
        var chunks = await Streams.ReadToEndAsync(session.Chat(Turn(text, maxTokens)));
        Assert.Null(chunks[^1].Error);
        Assert.Equal("length", chunks[^1].FinishReason);
        return (string.Concat(chunks.Select(c => c.Text)), chunks[^1]);
    }

    private static void AssertSameConversation(SessionTranscript? expected, SessionTranscript? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Messages, actual.Messages);
        var none = Array.Empty<ChatMessageData>();
        Assert.Equal(expected with { Messages = none }, actual with { Messages = none });
    }

    private static async Task<List<int>> StoredIdsAsync(GrainTestCluster cluster, ISessionGrain session)
    {
        var state = await cluster.ReadStateAsync<SessionState>(session, "session");
        Assert.True(state.RecordExists);
        return state.State!.TokenIds;
    }
}
