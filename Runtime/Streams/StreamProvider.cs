namespace Platform.Runtime.Streams;

/// <summary>A named stream provider over one transport; owns the transport and disposes it with itself.</summary>
public sealed class StreamProvider(string name, IStreamTransport transport) : IStreamProvider, IDisposable
{
    public string Name { get; } = name;

    public IAsyncStream<T> GetStream<T>(StreamId id)
    {
        if (id.Namespace is null)
            throw new ArgumentException("A stream id needs a namespace and a key.", nameof(id));
        return new AsyncStream<T>(id, transport);
    }

    public void Dispose() => (transport as IDisposable)?.Dispose();
}
