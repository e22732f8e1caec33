namespace Platform.Runtime.Streams;

/// <summary>
/// Where an event sits in its stream: a sequence number (1, 2, 3… per stream) and the incarnation of the stream that
/// numbered it, so a token from a stream that was since collected and re-created is recognised instead of misread.
/// </summary>
public readonly record struct StreamSequenceToken(long Incarnation, long SequenceNumber)
{
    /// <summary>Resuming from this token replays the stream from its first event.</summary>
    public static StreamSequenceToken Beginning => default;

    public override string ToString() => $"#{SequenceNumber} (incarnation {Incarnation:x})";
}
