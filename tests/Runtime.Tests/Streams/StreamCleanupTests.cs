using static Platform.Runtime.Tests.Streams.StreamTestKit;

namespace Platform.Runtime.Tests.Streams;

/// <summary>Idle and completed streams are dropped, live ones are kept.</summary>
public sealed class StreamCleanupTests
{
    [Fact]
    public async Task IdleStreamIsDroppedAfterTheTimeoutButNotWhileSomeoneIsSubscribed()
    {
        var time = new ManualTimeProvider();
        var (provider, transport) = NewProvider(o => o.IdleTimeout = TimeSpan.FromMinutes(1), time);
        var stream = provider.NewIntStream();
        var subscription = await stream.SubscribeAsync();
        await stream.OnNextAsync(1);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, transport.CollectIdleStreams());
        Assert.Equal(1, transport.StreamCount);

        await subscription.UnsubscribeAsync();
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, transport.CollectIdleStreams());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, transport.CollectIdleStreams());
        Assert.Equal(0, transport.StreamCount);
    }

    [Fact]
    public async Task CompletedStreamIsKeptForItsRetentionThenDropped()
    {
        var time = new ManualTimeProvider();
        var (provider, transport) = NewProvider(o => o.CompletedRetention = TimeSpan.FromSeconds(30), time);
        var stream = provider.NewIntStream();
        await stream.OnNextAsync(1);
        await stream.OnCompletedAsync();

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, transport.CollectIdleStreams());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, transport.CollectIdleStreams());

        // The id is free again: a new stream starts over from event 1.
        Assert.Equal(1, (await stream.OnNextAsync(7)).SequenceNumber);
    }

    [Fact]
    public async Task StreamsStillInUseSurviveACollection()
    {
        var time = new ManualTimeProvider();
        var (provider, transport) = NewProvider(o => o.IdleTimeout = TimeSpan.FromMinutes(1), time);
        var busy = provider.NewIntStream();
        var idle = provider.NewIntStream();
        await idle.OnNextAsync(1);
        time.Advance(TimeSpan.FromMinutes(1));
        await busy.OnNextAsync(1);

        Assert.Equal(1, transport.CollectIdleStreams());
        Assert.Equal(2, (await busy.OnNextAsync(2)).SequenceNumber);
    }

    [Fact]
    public async Task CleanupRunsOnItsOwnTimer()
    {
        var (provider, transport) = NewProvider(o => { o.IdleTimeout = TimeSpan.FromMilliseconds(1); o.CleanupInterval = TimeSpan.FromMilliseconds(20); });
        using var _ = provider;
        await provider.NewIntStream().OnNextAsync(1);

        // Waits for the timer, however slow the machine; the assertion is that it happens, not when.
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (transport.StreamCount > 0 && DateTime.UtcNow < giveUp)
            await Task.Delay(10);
        Assert.Equal(0, transport.StreamCount);
    }
}
