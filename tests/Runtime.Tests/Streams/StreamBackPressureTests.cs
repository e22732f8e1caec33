using Platform.Runtime.Streams;
using static Platform.Runtime.Tests.Streams.StreamTestKit;

namespace Platform.Runtime.Tests.Streams;

/// <summary>Slow subscribers hold publishers back instead of growing memory; unsubscribing and cancelling release them.</summary>
public sealed class StreamBackPressureTests
{
    [Fact]
    public async Task PublisherWaitsWhileASubscriberIsFullAndContinuesWhenItReads()
    {
        var (provider, _) = NewProvider(o => o.SubscriberCapacity = 4);
        var stream = provider.NewIntStream();
        var stalled = await stream.SubscribeAsync();
        await stream.PublishAsync([1, 2, 3, 4]);

        var fifth = stream.OnNextAsync(5).AsTask();
        Assert.False(fifth.IsCompleted);

        await using var reader = stalled.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(1, reader.Current.Item);
        Assert.Equal(5, (await fifth).SequenceNumber);
    }

    [Fact]
    public async Task UnsubscribingAStalledSubscriberReleasesTheWaitingPublisher()
    {
        var (provider, _) = NewProvider(o => o.SubscriberCapacity = 2);
        var stream = provider.NewIntStream();
        var stalled = await stream.SubscribeAsync();
        await stream.PublishAsync([1, 2]);
        var third = stream.OnNextAsync(3).AsTask();
        Assert.False(third.IsCompleted);

        await stalled.UnsubscribeAsync();

        Assert.Equal(3, (await third).SequenceNumber);
        Assert.Empty(await stalled.ReadToEndAsync());
    }

    [Fact]
    public async Task CancelledPublisherCutsOffTheFullSubscriberWhichResumesWithoutAGap()
    {
        var (provider, _) = NewProvider(o => o.SubscriberCapacity = 2);
        var stream = provider.NewIntStream();
        var stalled = await stream.SubscribeAsync();
        await stream.PublishAsync([1, 2]);
        using var cancel = new CancellationTokenSource();
        var third = stream.OnNextAsync(3, cancel.Token).AsTask();
        Assert.False(third.IsCompleted);

        cancel.Cancel();
        Assert.Equal(3, (await third).SequenceNumber);

        var seen = new List<int>();
        var dropped = await Assert.ThrowsAsync<StreamSubscriberDroppedException>(async () =>
        {
            await foreach (var e in stalled)
                seen.Add(e.Item);
        });
        Assert.Equal([1, 2], seen);
        Assert.Equal(stalled.LastToken, dropped.LastDelivered);

        var resumed = await stream.SubscribeAsync(dropped.LastDelivered);
        await stream.OnNextAsync(4);
        await stream.OnCompletedAsync();
        Assert.Equal([3, 4], (await resumed.ReadToEndAsync()).Select(e => e.Item));
    }

    [Fact]
    public async Task PublisherCancelledWhileWaitingForItsTurnPublishesNothing()
    {
        var (provider, _) = NewProvider(o => o.SubscriberCapacity = 1);
        var stream = provider.NewIntStream();
        var stalled = await stream.SubscribeAsync();
        await stream.OnNextAsync(1);
        var blocked = stream.OnNextAsync(2).AsTask();
        using var cancel = new CancellationTokenSource();
        var waiting = stream.OnNextAsync(99, cancel.Token).AsTask();

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var reading = stalled.ReadToEndAsync();
        await blocked;
        await stream.OnCompletedAsync();
        Assert.Equal([1, 2], (await reading).Select(e => e.Item));
    }

    [Fact]
    public async Task LeavingTheReadLoopEarlyEndsTheSubscription()
    {
        var (provider, _) = NewProvider(o => o.SubscriberCapacity = 2);
        var stream = provider.NewIntStream();
        var subscription = await stream.SubscribeAsync();
        await stream.PublishAsync([1, 2]);
        await foreach (var e in subscription)
            break;

        // Far more than the subscriber could hold: completes only because the subscriber is gone.
        await stream.PublishAsync(Enumerable.Range(3, 20));
        Assert.True(subscription.LastToken is { SequenceNumber: 1 });
    }

    [Fact]
    public async Task UnsubscribedObserverIsNotCalledAgain()
    {
        var (provider, _) = NewProvider();
        var stream = provider.NewIntStream();
        var sawThree = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observer = new RecordingObserver<int> { OnItem = item => { if (item == 3) sawThree.TrySetResult(); return default; } };
        var handle = await stream.SubscribeAsync(observer);
        await stream.PublishAsync([1, 2, 3]);
        await sawThree.Task;

        await handle.UnsubscribeAsync();
        await stream.PublishAsync([4, 5, 6]);
        await stream.OnCompletedAsync();
        await handle.Completion;

        Assert.Equal([1, 2, 3], observer.Items.Select(i => i.Item));
        Assert.False(observer.Ended.Task.IsCompleted);
    }

    [Fact]
    public async Task ObserverThatThrowsEndsItsSubscriptionAndFaultsItsCompletion()
    {
        var (provider, _) = NewProvider(o => o.SubscriberCapacity = 1);
        var stream = provider.NewIntStream();
        var handle = await stream.SubscribeAsync(
            (item, _) => item == 2 ? throw new FormatException("bad item") : default(ValueTask));

        await stream.PublishAsync(Enumerable.Range(1, 10));

        await Assert.ThrowsAsync<FormatException>(() => handle.Completion);
    }
}
