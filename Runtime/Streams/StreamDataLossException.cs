namespace Platform.Runtime.Streams;

/// <summary>A subscriber asked to resume after an event whose successors are no longer buffered: those events are lost to it.</summary>
public sealed class StreamDataLossException(StreamId streamId, StreamSequenceToken resumeFrom, string message)
    : Exception(message)
{
    public StreamId StreamId { get; } = streamId;
    public StreamSequenceToken ResumeFrom { get; } = resumeFrom;
}
