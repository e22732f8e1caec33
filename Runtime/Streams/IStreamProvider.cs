namespace Platform.Runtime.Streams;

/// <summary>A named family of streams (registered with AddMemoryStreams) that hands out stream handles.</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId id);
}
