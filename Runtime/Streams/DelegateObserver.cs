namespace Platform.Runtime.Streams;

/// <summary>An observer made of callbacks; a missing error callback leaves the error on the handle's Completion.</summary>
internal sealed class DelegateObserver<T>(
    Func<T, StreamSequenceToken, ValueTask> onNext, Func<Exception, ValueTask>? onError, Func<ValueTask>? onCompleted)
    : IAsyncObserver<T>
{
    public ValueTask OnNextAsync(T item, StreamSequenceToken token) => onNext(item, token);

    public ValueTask OnCompletedAsync() => onCompleted?.Invoke() ?? default;

    public ValueTask OnErrorAsync(Exception error) =>
        onError is null ? ValueTask.FromException(error) : onError(error);
}
