using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Responses;
using Platform.Grains.Responses;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Responses;

public class ResponseGrainTests
{
    private const int BlockSize = 16;
    private const string Tenant = "tenant-a";

    [Fact]
    public async Task StoredResponse_IsReadableWithItsConversation_ByTheTimeItsFinalChunkArrives()
    {
        await using var cluster = await StartAsync();
        var turn = Turn("Hello!", instructions: "Answer like a pirate.");

        var (reply, final) = await RunAsync(cluster, turn);

        var stored = await Grain(cluster, turn).Get();
        Assert.NotNull(stored);
        Assert.Equal((turn.ResponseId, turn.MessageId, reply, StoredResponse.Incomplete), (stored.Id, stored.MessageId, stored.OutputText, stored.Status));
        Assert.Equal(final.Usage, stored.Usage);
        Assert.Equal("Answer like a pirate.", stored.Instructions);
        // The instructions are in the cached prefix but not in the conversation a follow-up inherits.
        var state = await StateAsync(cluster, turn);
        Assert.Equal([new ChatMessageData("user", "Hello!"), new ChatMessageData("assistant", reply)], state.Conversation.Messages);
        Assert.Contains("Answer like a pirate.", state.Conversation.CoveredText);
    }

    [Fact]
    public async Task FollowUp_PrefillsOnlyItsNewInput_OnTopOfTheStoredIds_AndReportsThemCached()
    {
        await using var cluster = await StartAsync();
        var first = Turn("Tell me a story about a cat who lives in a lighthouse.", instructions: "Be brief.");
        await RunAsync(cluster, first);
        var firstIds = (await StateAsync(cluster, first)).Conversation.TokenIds;

        var next = Turn("What happened next?", instructions: "Be brief.") with { PreviousResponseId = first.ResponseId };
        var (_, final) = await RunAsync(cluster, next);

        var nextIds = (await StateAsync(cluster, next)).Conversation.TokenIds;
        Assert.Equal(firstIds, nextIds.Take(firstIds.Count));
        Assert.True(final.Usage!.CachedTokens >= firstIds.Count - BlockSize, $"cached {final.Usage.CachedTokens} of the {firstIds.Count} tokens stored by the first response");
        Assert.True(final.Usage.PromptTokens > firstIds.Count);
        Assert.Equal(first.ResponseId, (await Grain(cluster, next).Get())!.PreviousResponseId);
    }

    [Fact]
    public async Task FollowUpWithoutTheInstructions_DoesNotInheritThem_ButKeepsTheEarlierTurn()
    {
        await using var cluster = await StartAsync();
        var first = Turn("Hello!", instructions: "Answer like a pirate.");
        var (reply, _) = await RunAsync(cluster, first);

        var next = Turn("And then?") with { PreviousResponseId = first.ResponseId };
        await RunAsync(cluster, next);

        var state = await StateAsync(cluster, next);
        Assert.DoesNotContain("Answer like a pirate.", state.Conversation.CoveredText);
        Assert.Equal(["Hello!", reply, "And then?"], state.Conversation.Messages.Take(3).Select(m => m.Content));
        Assert.Null((await Grain(cluster, next).Get())!.Instructions);
    }

    [Fact]
    public async Task UnstoredResponse_LeavesNoState_AndCannotBeContinued()
    {
        await using var cluster = await StartAsync();
        var turn = Turn("Hello!") with { Store = false };

        var (reply, _) = await RunAsync(cluster, turn);

        Assert.NotEmpty(reply);
        Assert.Null(await Grain(cluster, turn).Get());
        Assert.Null(await Grain(cluster, turn).GetConversation());
        Assert.False((await cluster.ReadStateAsync<ResponseState>(Grain(cluster, turn), "response")).RecordExists);
        var error = await Assert.ThrowsAsync<PlatformRequestException>(() => RunAsync(cluster, Turn("Go on.") with { PreviousResponseId = turn.ResponseId }));
        Assert.Equal((PlatformRequestException.ResponseNotFound, "previous_response_id"), (error.Code, error.Param));
    }

    [Fact]
    public async Task AnotherTenant_FindsNeitherTheResponseNorItsConversation()
    {
        await using var cluster = await StartAsync();
        var turn = Turn("Hello!");
        await RunAsync(cluster, turn);

        var otherTenant = cluster.Client.GetGrain<IResponseGrain>(ResponseKeys.Of("tenant-b", turn.ResponseId));
        Assert.Null(await otherTenant.Get());
        Assert.False(await otherTenant.Delete());
        var error = await Assert.ThrowsAsync<PlatformRequestException>(() =>
            RunAsync(cluster, Turn("Go on.") with { Tenant = "tenant-b", PreviousResponseId = turn.ResponseId }));
        Assert.Equal(PlatformRequestException.ResponseNotFound, error.Code);
        Assert.NotNull(await Grain(cluster, turn).Get());
    }

    [Fact]
    public async Task Delete_RemovesTheResponseFromStorage_AndItCanNoLongerBeContinued()
    {
        await using var cluster = await StartAsync();
        var turn = Turn("Hello!");
        await RunAsync(cluster, turn);

        Assert.True(await Grain(cluster, turn).Delete());

        Assert.Null(await Grain(cluster, turn).Get());
        Assert.False((await cluster.ReadStateAsync<ResponseState>(Grain(cluster, turn), "response")).RecordExists);
        Assert.False(await Grain(cluster, turn).Delete());
        await Assert.ThrowsAsync<PlatformRequestException>(() => RunAsync(cluster, Turn("Go on.") with { PreviousResponseId = turn.ResponseId }));
    }

    [Fact]
    public async Task ConversationOverTheContext_IsRefusedWithoutTruncation_AndLosesItsOldestTurnWithIt()
    {
        await using var cluster = await StartAsync(maxModelLength: 96);
        var first = Turn("Tell me a story about a cat who lives in a lighthouse.");
        await RunAsync(cluster, first);

        // The follow-up and its 70 output tokens fit the 96-token context alone, not after the first turn.
        var refused = await Assert.ThrowsAsync<PlatformRequestException>(() =>
            RunAsync(cluster, Turn("Go on.", maxTokens: 70) with { PreviousResponseId = first.ResponseId }));
        Assert.Equal((PlatformRequestException.ContextLengthExceeded, "input"), (refused.Code, refused.Param));
        Assert.Contains("truncation to 'auto'", refused.Message);

        var truncated = Turn("Go on.", maxTokens: 70) with { PreviousResponseId = first.ResponseId, TruncateOldest = true };
        await RunAsync(cluster, truncated, expectedFinish: null);
        var messages = (await StateAsync(cluster, truncated)).Conversation.Messages;
        Assert.Equal(["user", "assistant"], messages.Select(m => m.Role));
        Assert.Equal("Go on.", messages[0].Content);
    }

    private static async Task<GrainTestCluster> StartAsync(int? maxModelLength = null)
    {
        var options = TestModels.TinyQwen2();
        var cluster = await GrainTestCluster.StartAsync([options with { Engine = options.Engine with { MaxModelLength = maxModelLength } }]);
        await cluster.WaitUntilReadyAsync(TestModels.Qwen, 0);
        return cluster;
    }

    private static IResponseGrain Grain(GrainTestCluster cluster, ResponseTurn turn) =>
        cluster.Client.GetGrain<IResponseGrain>(ResponseKeys.Of(turn.Tenant, turn.ResponseId));

    private static ResponseTurn Turn(string text, string? instructions = null, int maxTokens = 8) => new()
    {
        ResponseId = $"resp_{Guid.NewGuid():N}",
        Tenant = Tenant,
        Model = TestModels.Qwen,
        MessageId = $"msg_{Guid.NewGuid():N}",
        CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Instructions = instructions,
        Input = [new ChatMessageData("user", text)],
        MaxOutputTokens = maxTokens,
        Sampling = new SamplingSettings { Temperature = 0 },
        Settings = new ResponseSettings { MaxOutputTokens = maxTokens },
    };

    /// <summary>Runs a response to its final chunk; returns the reply and that chunk.</summary>
    private static async Task<(string Reply, TokenChunk Final)> RunAsync(GrainTestCluster cluster, ResponseTurn turn, string? expectedFinish = "length")
    {
        var chunks = await Streams.ReadToEndAsync(Grain(cluster, turn).Run(turn));
        Assert.Null(chunks[^1].Error);
        if (expectedFinish is not null)
            Assert.Equal(expectedFinish, chunks[^1].FinishReason);
        return (string.Concat(chunks.Select(c => c.Text)), chunks[^1]);
    }

    private static async Task<ResponseState> StateAsync(GrainTestCluster cluster, ResponseTurn turn)
    {
        var state = await cluster.ReadStateAsync<ResponseState>(Grain(cluster, turn), "response");
        Assert.True(state.RecordExists);
        return state.State!;
    }
}
