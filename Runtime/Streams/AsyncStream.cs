namespace Platform.Runtime.Streams;

/// <summary>A stream handle that forwards every operation to its provider's transport; holds no state, so handles are cheap.</summary>
internal sealed class AsyncStream<T>(StreamId id, IStreamTransport transport) : IAsyncStream<T>
{
    public StreamId Id => id;

    public ValueTask<StreamSequenceToken> OnNextAsync(T item, CancellationToken cancellationToken = default) =>
        transport.PublishAsync(id, item, cancellationToken);

    public Task OnCompletedAsync(CancellationToken cancellationToken = default) =>
        transport.TerminateAsync<T>(id, null, cancellationToken);

    public Task OnErrorAsync(Exception error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return transport.TerminateAsync<T>(id, error, cancellationToken);
    }

    public ValueTask<StreamSubscription<T>> SubscribeAsync(StreamSequenceToken? resumeFrom = null, CancellationToken cancellationToken = default) =>
        transport.SubscribeAsync<T>(id, resumeFrom, cancellationToken);

    public async Task<StreamSubscriptionHandle> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = await transport.SubscribeAsync<T>(id, resumeFrom, cancellationToken).ConfigureAwait(false);
        return StreamSubscriptionHandle.Start(subscription, observer);
    }
}
