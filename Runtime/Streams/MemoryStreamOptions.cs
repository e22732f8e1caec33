namespace Platform.Runtime.Streams;

/// <summary>Limits of the in-process streams: what each stream remembers, how far a subscriber may lag, when streams are dropped.</summary>
public sealed class MemoryStreamOptions
{
    /// <summary>How many recent events each stream keeps for subscribers that resume.</summary>
    public int BufferSize { get; set; } = 1024;

    /// <summary>How many events may wait for one subscriber before publishers wait for it.</summary>
    public int SubscriberCapacity { get; set; } = 256;

    /// <summary>A stream without subscribers or publishing for this long is dropped with its buffer.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A completed or faulted stream stays this long, so late subscribers still see its end, then is dropped.</summary>
    public TimeSpan CompletedRetention { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often idle and completed streams are looked for.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate(string providerName)
    {
        if (BufferSize < 1 || SubscriberCapacity < 1)
            throw new ArgumentException($"Stream provider '{providerName}': BufferSize and SubscriberCapacity must be at least 1.");
        if (IdleTimeout <= TimeSpan.Zero || CompletedRetention < TimeSpan.Zero || CleanupInterval <= TimeSpan.Zero)
            throw new ArgumentException($"Stream provider '{providerName}': IdleTimeout and CleanupInterval must be positive, CompletedRetention not negative.");
    }
}
