namespace Platform.Runtime.Streams.Local;

/// <summary>What the transport needs from a stream regardless of its item type: housekeeping.</summary>
internal interface ILocalStream
{
    Type ItemType { get; }

    /// <summary>Marks the stream dead when idle or past its retention and nothing is using it; true when it may be dropped.</summary>
    bool TryRetire(DateTimeOffset now);

    /// <summary>Fails every subscriber because the provider is going away.</summary>
    void Shutdown();
}
