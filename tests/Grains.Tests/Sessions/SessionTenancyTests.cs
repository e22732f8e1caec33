using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Sessions;

/// <summary>A session id names one conversation per tenant: another tenant's use of the id neither sees nor continues it.</summary>
public class SessionTenancyTests
{
    [Fact]
    public async Task ASessionIdUsedByAnotherTenant_IsADifferentConversation_ThatCannotSeeOrDeleteTheFirst()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyQwen2()]);
        await cluster.WaitUntilReadyAsync(TestModels.Qwen, 0);
        var id = $"chat-{Guid.NewGuid():N}";
        var alice = cluster.Client.GetGrain<ISessionGrain>(SessionKeys.For("alice", id));
        var bob = cluster.Client.GetGrain<ISessionGrain>(SessionKeys.For("bob", id));

        await Streams.ReadToEndAsync(alice.Chat(Turn("Hello from alice")));

        Assert.Null(await bob.Get());
        Assert.False(await bob.Delete());
        var transcript = await alice.Get();
        Assert.NotNull(transcript);
        // The transcript names the client's id, not the tenant-scoped key.
        Assert.Equal(id, transcript.SessionId);
        Assert.Equal(1, transcript.Turns);
    }

    [Fact]
    public async Task ASessionTurn_RunsUnderItsTenantsSalt_SoItsPrefixIsNotCachedForAnotherTenantsSessionOfTheSameId()
    {
        await using var cluster = await GrainTestCluster.StartAsync([TestModels.TinyQwen2()]);
        await cluster.WaitUntilReadyAsync(TestModels.Qwen, 0);
        var id = $"chat-{Guid.NewGuid():N}";
        var text = string.Join(' ', Enumerable.Repeat("the same long opening line of a conversation", 8));

        await Streams.ReadToEndAsync(cluster.Client.GetGrain<ISessionGrain>(SessionKeys.For("alice", id)).Chat(Turn(text)));
        var bob = await Streams.ReadToEndAsync(cluster.Client.GetGrain<ISessionGrain>(SessionKeys.For("bob", id)).Chat(Turn(text)));
        var carol = await Streams.ReadToEndAsync(cluster.Client.GetGrain<ISessionGrain>(SessionKeys.For("alice", "other-" + id)).Chat(Turn(text)));

        Assert.Equal(0, bob[^1].Usage!.CachedTokens);
        // The same tenant's other session with the same opening reuses it.
        Assert.True(carol[^1].Usage!.CachedTokens > 0);
    }

    [Fact]
    public void Keys_KeepTheDefaultTenantsBareIds_AndSplitOthersAtTheLastSlash()
    {
        Assert.Equal("s1", SessionKeys.For(SessionKeys.DefaultTenant, "s1"));
        Assert.Equal((SessionKeys.DefaultTenant, "s1"), SessionKeys.Parse("s1"));
        Assert.Equal(("team/a", "s1"), SessionKeys.Parse(SessionKeys.For("team/a", "s1")));
        Assert.NotEqual(SessionKeys.For("a", "s1"), SessionKeys.For(SessionKeys.DefaultTenant, "s1"));
        Assert.Throws<ArgumentException>(() => SessionKeys.For("a", "x/y"));
    }

    private static SessionTurn Turn(string text) =>
        new(Jobs.NewRequestId(), TestModels.Qwen, [new ChatMessageData("user", text)], 3, [], new SamplingSettings { Temperature = 0 });
}
