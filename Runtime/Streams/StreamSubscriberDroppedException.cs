namespace Platform.Runtime.Streams;

/// <summary>
/// This subscriber's buffer was full when a publisher gave up waiting (cancelled), so it was cut off after
/// <see cref="LastDelivered"/>; subscribing again with that token resumes without a gap while the events are buffered.
/// </summary>
public sealed class StreamSubscriberDroppedException(StreamId streamId, StreamSequenceToken lastDelivered)
    : Exception($"Subscriber of stream {streamId} fell behind a cancelled publisher and was cut off after event {lastDelivered}; " +
                "subscribe again resuming from that token.")
{
    public StreamId StreamId { get; } = streamId;
    public StreamSequenceToken LastDelivered { get; } = lastDelivered;
}
