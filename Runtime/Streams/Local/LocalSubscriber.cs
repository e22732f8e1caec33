using System.Threading.Channels;

namespace Platform.Runtime.Streams.Local;

/// <summary>The publishing side of one subscriber: a bounded queue whose fullness makes publishers wait.</summary>
internal sealed class LocalSubscriber<T>(StreamId streamId, int capacity)
{
    private readonly Channel<StreamEvent<T>> channel = Channel.CreateBounded<StreamEvent<T>>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<StreamEvent<T>> Reader => channel.Reader;

    /// <summary>Queues the event, waiting for room; false when this subscriber is gone or was cut off and must be removed.</summary>
    public async ValueTask<bool> DeliverAsync(StreamEvent<T> e, CancellationToken cancellationToken)
    {
        if (channel.Writer.TryWrite(e))
            return true;
        try
        {
            await channel.Writer.WriteAsync(e, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var lastDelivered = e.Token with { SequenceNumber = e.Token.SequenceNumber - 1 };
            channel.Writer.TryComplete(new StreamSubscriberDroppedException(streamId, lastDelivered));
            return false;
        }
    }

    /// <summary>Ends delivery after what is queued: normally, or with <paramref name="error"/>.</summary>
    public void Complete(Exception? error = null) => channel.Writer.TryComplete(error);
}
