using Platform.Runtime.Streams;
using static Platform.Runtime.Tests.Streams.StreamTestKit;

namespace Platform.Runtime.Tests.Streams;

/// <summary>Ordering, numbering, fan-out and the end of a stream.</summary>
public sealed class StreamDeliveryTests
{
    [Fact]
    public async Task EventsArriveInPublishOrderNumberedFromOne()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        var subscription = await stream.SubscribeAsync();

        var tokens = await stream.PublishAsync([10, 20, 30, 40]);
        await stream.OnCompletedAsync();
        var events = await subscription.ReadToEndAsync();

        Assert.Equal([10, 20, 30, 40], events.Select(e => e.Item));
        Assert.Equal(Range(1, 4), events.Sequences());
        Assert.Equal(tokens, events.Select(e => e.Token));
    }

    [Fact]
    public async Task EverySubscriberReceivesEveryEvent()
    {
        var (provider, _) = NewProvider(o => o.SubscriberCapacity = 3);
        var stream = provider.NewIntStream();
        var readers = new[] { await stream.SubscribeAsync(), await stream.SubscribeAsync() }.Select(s => s.ReadToEndAsync()).ToList();
        var observer = new RecordingObserver<int>();
        await stream.SubscribeAsync(observer);

        await stream.PublishAsync(Enumerable.Range(0, 20));
        await stream.OnCompletedAsync();

        foreach (var reader in readers)
            Assert.Equal(Enumerable.Range(0, 20), (await reader).Select(e => e.Item));
        Assert.Null(await observer.Ended.Task);
        Assert.Equal(Enumerable.Range(0, 20), observer.Items.Select(i => i.Item));
    }

    [Fact]
    public async Task FaultReachesSubscribersAfterTheEventsBeforeIt()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        var subscription = await stream.SubscribeAsync();
        var observer = new RecordingObserver<int>();
        await stream.SubscribeAsync(observer);
        var failure = new InvalidDataException("engine broke");

        await stream.PublishAsync([1, 2]);
        await stream.OnErrorAsync(failure);

        var read = new List<int>();
        var fault = await Assert.ThrowsAsync<StreamFaultedException>(async () =>
        {
            await foreach (var e in subscription)
                read.Add(e.Item);
        });
        Assert.Equal([1, 2], read);
        Assert.Same(failure, fault.InnerException);
        Assert.Same(failure, await observer.Ended.Task);
        Assert.Equal([1, 2], observer.Items.Select(i => i.Item));
    }

    [Fact]
    public async Task PublishingToAnEndedStreamIsRejected()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        await stream.OnCompletedAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.OnNextAsync(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.OnErrorAsync(new Exception("late")));
    }

    [Fact]
    public async Task SubscriberOfACompletedStreamGetsTheBufferedEventsThenCompletion()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        await stream.PublishAsync([1, 2, 3]);
        await stream.OnCompletedAsync();

        var late = await stream.SubscribeAsync(StreamSequenceToken.Beginning);
        Assert.Equal([1, 2, 3], (await late.ReadToEndAsync()).Select(e => e.Item));
        var fresh = await stream.SubscribeAsync();
        Assert.Empty(await fresh.ReadToEndAsync());
    }

    [Fact]
    public async Task AStreamIdCarriesOneItemType()
    {
        var (provider, _) = NewProvider();
        var id = new StreamId("test", "typed");
        await provider.GetStream<int>(id).OnNextAsync(1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await provider.GetStream<string>(id).OnNextAsync("x"));
        Assert.Contains("Int32", error.Message);
    }

    [Fact]
    public async Task ASubscriptionCanBeReadOnlyOnce()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        var subscription = await stream.SubscribeAsync();
        await stream.OnCompletedAsync();
        await subscription.ReadToEndAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => subscription.ReadToEndAsync());
    }
}
