namespace Platform.Runtime.Streams;

/// <summary>Receives a stream's events one at a time, in order, then its completion or fault.</summary>
public interface IAsyncObserver<in T>
{
    ValueTask OnNextAsync(T item, StreamSequenceToken token);

    ValueTask OnCompletedAsync();

    /// <summary>The publisher's error, or a <see cref="StreamSubscriberDroppedException"/> when this subscriber fell behind a cancelled publisher.</summary>
    ValueTask OnErrorAsync(Exception error);
}
