namespace Platform.Runtime.Streams;

/// <summary>An observer's subscription: ends it, and tells when its delivery loop finished (faulted when the observer threw).</summary>
public sealed class StreamSubscriptionHandle
{
    private readonly Func<ValueTask> unsubscribe;

    private StreamSubscriptionHandle(StreamId streamId, Func<ValueTask> unsubscribe, Task completion)
    {
        StreamId = streamId;
        this.unsubscribe = unsubscribe;
        Completion = completion;
    }

    public StreamId StreamId { get; }

    /// <summary>Finishes after the observer saw completion or the error, or after unsubscribing; faults with what the observer threw.</summary>
    public Task Completion { get; }

    /// <summary>Stops delivery: after this returns the observer is not called again, except a call already running.</summary>
    public ValueTask UnsubscribeAsync() => unsubscribe();

    /// <summary>Starts delivering <paramref name="subscription"/> to <paramref name="observer"/> on a background loop.</summary>
    public static StreamSubscriptionHandle Start<T>(StreamSubscription<T> subscription, IAsyncObserver<T> observer) =>
        new(subscription.StreamId, subscription.UnsubscribeAsync, Task.Run(() => DeliverAsync(subscription, observer)));

    private static async Task DeliverAsync<T>(StreamSubscription<T> subscription, IAsyncObserver<T> observer)
    {
        try
        {
            await foreach (var e in subscription)
                await observer.OnNextAsync(e.Item, e.Token).ConfigureAwait(false);
        }
        catch (StreamFaultedException fault)
        {
            if (!subscription.IsUnsubscribed)
                await observer.OnErrorAsync(fault.InnerException!).ConfigureAwait(false);
            return;
        }
        catch (StreamSubscriberDroppedException dropped)
        {
            if (!subscription.IsUnsubscribed)
                await observer.OnErrorAsync(dropped).ConfigureAwait(false);
            return;
        }
        if (!subscription.IsUnsubscribed)
            await observer.OnCompletedAsync().ConfigureAwait(false);
    }
}
