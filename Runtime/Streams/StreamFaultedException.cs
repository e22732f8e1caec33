namespace Platform.Runtime.Streams;

/// <summary>The publisher ended the stream with an error (the inner exception), after every event before it was delivered.</summary>
public sealed class StreamFaultedException(StreamId streamId, Exception error)
    : Exception($"Stream {streamId} was ended with an error: {error.Message}", error)
{
    public StreamId StreamId { get; } = streamId;
}
