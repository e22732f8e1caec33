using System.Threading.Channels;

namespace Platform.Runtime.Streams;

/// <summary>
/// One subscriber's view of a stream, read once with <c>await foreach</c>: the replayed events, then live ones, until the
/// stream completes (the loop ends), faults (<see cref="StreamFaultedException"/>) or the subscription is ended.
/// Leaving the loop early ends the subscription, so an abandoned reader never holds publishers back.
/// </summary>
public sealed class StreamSubscription<T> : IAsyncEnumerable<StreamEvent<T>>, IAsyncDisposable
{
    private readonly ChannelReader<StreamEvent<T>> live;
    private readonly Func<ValueTask> detach;
    private StreamEvent<T>[]? replay;
    private int enumerated;
    private int detached;
    private volatile bool unsubscribed;

    /// <summary>Wraps a transport's delivery: <paramref name="replay"/> first, then <paramref name="live"/>; <paramref name="detach"/> stops delivery.</summary>
    public StreamSubscription(StreamId streamId, StreamEvent<T>[] replay, ChannelReader<StreamEvent<T>> live, Func<ValueTask> detach)
    {
        StreamId = streamId;
        this.replay = replay;
        this.live = live;
        this.detach = detach;
    }

    public StreamId StreamId { get; }

    /// <summary>The token of the last event handed to the reader: resume from it to continue without a gap.</summary>
    public StreamSequenceToken? LastToken { get; private set; }

    /// <summary>True once <see cref="UnsubscribeAsync"/> ran; no event is handed out after that.</summary>
    public bool IsUnsubscribed => unsubscribed;

    public ValueTask UnsubscribeAsync()
    {
        unsubscribed = true;
        return DetachAsync();
    }

    public ValueTask DisposeAsync() => UnsubscribeAsync();

    public async IAsyncEnumerator<StreamEvent<T>> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref enumerated, 1) != 0)
            throw new InvalidOperationException($"A subscription to stream {StreamId} can be read only once; subscribe again to read again.");
        try
        {
            var replayed = replay!;
            replay = null;
            foreach (var e in replayed)
            {
                if (unsubscribed)
                    yield break;
                LastToken = e.Token;
                yield return e;
            }
            while (await live.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (live.TryRead(out var e))
                {
                    if (unsubscribed)
                        yield break;
                    LastToken = e.Token;
                    yield return e;
                }
            }
        }
        finally
        {
            await DetachAsync().ConfigureAwait(false);
        }
    }

    private ValueTask DetachAsync() => Interlocked.Exchange(ref detached, 1) == 0 ? detach() : default;
}
