namespace Platform.Runtime.Streams;

/// <summary>Subscribing with callbacks instead of an observer class.</summary>
public static class AsyncStreamExtensions
{
    public static Task<StreamSubscriptionHandle> SubscribeAsync<T>(
        this IAsyncStream<T> stream,
        Func<T, StreamSequenceToken, ValueTask> onNext,
        Func<Exception, ValueTask>? onError = null,
        Func<ValueTask>? onCompleted = null,
        StreamSequenceToken? resumeFrom = null,
        CancellationToken cancellationToken = default) =>
        stream.SubscribeAsync(new DelegateObserver<T>(onNext, onError, onCompleted), resumeFrom, cancellationToken);
}
