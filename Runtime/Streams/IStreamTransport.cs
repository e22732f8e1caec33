namespace Platform.Runtime.Streams;

/// <summary>
/// What carries a stream's events from publishers to subscribers: the stream provider's only dependency, so a
/// multi-silo transport can replace the in-process one without changing publishers or subscribers.
/// </summary>
public interface IStreamTransport
{
    ValueTask<StreamSequenceToken> PublishAsync<T>(StreamId id, T item, CancellationToken cancellationToken);

    /// <summary>Completes the stream, or faults it when <paramref name="error"/> is not null.</summary>
    Task TerminateAsync<T>(StreamId id, Exception? error, CancellationToken cancellationToken);

    ValueTask<StreamSubscription<T>> SubscribeAsync<T>(StreamId id, StreamSequenceToken? resumeFrom, CancellationToken cancellationToken);
}
