namespace Platform.Runtime.Streams;

/// <summary>A handle to one named stream: publish to it, complete or fault it, subscribe to it.</summary>
public interface IAsyncStream<T>
{
    StreamId Id { get; }

    /// <summary>
    /// Publishes an item and returns its token. Waits while any subscriber's buffer is full (back-pressure). Cancelling
    /// before the item is numbered publishes nothing; cancelling later cuts off the subscribers still full with a
    /// <see cref="StreamSubscriberDroppedException"/> (they can resume) and the item stays published.
    /// </summary>
    ValueTask<StreamSequenceToken> OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Ends the stream: subscribers receive the events already published, then completion.</summary>
    Task OnCompletedAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the stream with an error: subscribers receive the events already published, then the error.</summary>
    Task OnErrorAsync(Exception error, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes for reading with <c>await foreach</c>. With <paramref name="resumeFrom"/> (a token already seen, or
    /// <see cref="StreamSequenceToken.Beginning"/>) the events after it are delivered first, exactly once and in order;
    /// without it, only events published from now on.
    /// </summary>
    /// <exception cref="StreamDataLossException">Events after <paramref name="resumeFrom"/> are no longer buffered.</exception>
    ValueTask<StreamSubscription<T>> SubscribeAsync(StreamSequenceToken? resumeFrom = null, CancellationToken cancellationToken = default);

    /// <summary>Subscribes an observer that is called for each event on a background loop; see the other overload for <paramref name="resumeFrom"/>.</summary>
    Task<StreamSubscriptionHandle> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? resumeFrom = null, CancellationToken cancellationToken = default);
}
