namespace Platform.Runtime.Streams.Local;

/// <summary>The most recent events of one stream in a fixed ring, for subscribers that resume.</summary>
internal sealed class StreamEventBuffer<T>(int capacity)
{
    private readonly StreamEvent<T>[] ring = new StreamEvent<T>[capacity];
    private int count;

    /// <summary>Sequence number of the newest event; 0 before the first.</summary>
    public long LastSequence { get; private set; }

    /// <summary>Sequence number of the oldest event still held (LastSequence + 1 when empty).</summary>
    public long FirstSequence => LastSequence - count + 1;

    public void Append(StreamEvent<T> e)
    {
        LastSequence = e.Token.SequenceNumber;
        ring[(int)(LastSequence % ring.Length)] = e;
        count = Math.Min(count + 1, ring.Length);
    }

    /// <summary>Copies the events after <paramref name="sequence"/>, which must lie in FirstSequence - 1 … LastSequence.</summary>
    public StreamEvent<T>[] After(long sequence)
    {
        var result = new StreamEvent<T>[LastSequence - sequence];
        for (var i = 0; i < result.Length; i++)
            result[i] = ring[(int)((sequence + 1 + i) % ring.Length)];
        return result;
    }
}
