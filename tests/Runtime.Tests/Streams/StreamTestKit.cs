using Platform.Runtime.Streams;
using Platform.Runtime.Streams.Local;

namespace Platform.Runtime.Tests.Streams;

/// <summary>Helpers shared by the stream tests.</summary>
internal static class StreamTestKit
{
    public static (StreamProvider Provider, LocalStreamTransport Transport) NewProvider(
        Action<MemoryStreamOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new MemoryStreamOptions();
        configure?.Invoke(options);
        var transport = new LocalStreamTransport(options, time);
        return (new StreamProvider("test", transport), transport);
    }

    public static IAsyncStream<int> NewIntStream(this StreamProvider provider) =>
        provider.GetStream<int>(new StreamId("test", Guid.NewGuid().ToString("N")));

    /// <summary>Reads until the stream completes (or throws what ended it).</summary>
    public static async Task<List<StreamEvent<T>>> ReadToEndAsync<T>(this StreamSubscription<T> subscription)
    {
        var events = new List<StreamEvent<T>>();
        await foreach (var e in subscription)
            events.Add(e);
        return events;
    }

    public static async Task<List<StreamSequenceToken>> PublishAsync(this IAsyncStream<int> stream, IEnumerable<int> items)
    {
        var tokens = new List<StreamSequenceToken>();
        foreach (var item in items)
            tokens.Add(await stream.OnNextAsync(item));
        return tokens;
    }

    public static long[] Sequences<T>(this IEnumerable<StreamEvent<T>> events) => events.Select(e => e.Token.SequenceNumber).ToArray();

    public static long[] Range(long first, long last) => Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i).ToArray();
}
