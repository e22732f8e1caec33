using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;
using Platform.Grains.Sessions;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Sessions;

public class SessionContextTests
{
    private const int Context = 96;

    [Fact]
    public async Task SessionLongerThanTheContext_DropsItsOldestTurns_KeepingTheSystemPrompt()
    {
        await using var cluster = await StartAsync();
        var session = cluster.Client.GetGrain<ISessionGrain>($"s-{Guid.NewGuid():N}");
        await RunAsync(session, [new("system", "Be brief."), new("user", "turn 0 about cats")]);

        for (var i = 1; i < 8; i++)
            await RunAsync(session, [new("user", $"turn {i} about cats")]);

        var transcript = (await session.Get())!;
        Assert.Equal(8, transcript.Turns);
        Assert.Equal(new ChatMessageData("system", "Be brief."), transcript.Messages[0]);
        Assert.DoesNotContain(transcript.Messages, m => m.Content == "turn 0 about cats");
        Assert.Equal("turn 7 about cats", transcript.Messages[^2].Content);
        var stored = (await cluster.ReadStateAsync<SessionState>(session, "session")).State!;
        Assert.True(stored.TokenIds.Count < Context, $"{stored.TokenIds.Count} ids stored");
        Assert.Equal(transcript.TokenCount, stored.TokenIds.Count);
    }

    [Fact]
    public async Task NewTurnThatCannotFitEvenAlone_IsContextLengthExceeded_SayingHowToContinue()
    {
        await using var cluster = await StartAsync();
        var session = cluster.Client.GetGrain<ISessionGrain>($"s-{Guid.NewGuid():N}");
        await RunAsync(session, [new("user", "hello")]);

        var error = await Assert.ThrowsAsync<PlatformRequestException>(() =>
            Streams.ReadToEndAsync(session.Chat(Turn([new("user", string.Join(' ', Enumerable.Repeat("cat", 200)))]))));

        Assert.Equal(PlatformRequestException.ContextLengthExceeded, error.Code);
        Assert.Contains("DELETE the session", error.Message);
        Assert.Equal(1, (await session.Get())!.Turns);
    }

    private static async Task<GrainTestCluster> StartAsync()
    {
        var options = TestModels.TinyQwen2();
        var cluster = await GrainTestCluster.StartAsync([options with { Engine = options.Engine with { MaxModelLength = Context } }], 1);
        await cluster.WaitUntilReadyAsync(TestModels.Qwen, 0);
        return cluster;
    }

    private static SessionTurn Turn(List<ChatMessageData> messages) =>
        new(Jobs.NewRequestId(), TestModels.Qwen, messages, 8, [], new SamplingSettings { Temperature = 0 });

    private static async Task RunAsync(ISessionGrain session, List<ChatMessageData> messages)
    {
        var chunks = await Streams.ReadToEndAsync(session.Chat(Turn(messages)));
        Assert.Null(chunks[^1].Error);
    }
}
