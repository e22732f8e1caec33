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

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

/// <summary>Records what an observer subscription delivered.</summary>
internal sealed class RecordingObserver<T> : IAsyncObserver<T>
{
    public List<(T Item, StreamSequenceToken Token)> Items { get; } = [];
    public TaskCompletionSource<Exception?> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Func<T, ValueTask>? OnItem { get; init; }

    public async ValueTask OnNextAsync(T item, StreamSequenceToken token)
    {
        Items.Add((item, token));
        if (OnItem is not null)
            await OnItem(item);
    }

    public ValueTask OnCompletedAsync()
    {
        Ended.TrySetResult(null);
        return default;
    }

    public ValueTask OnErrorAsync(Exception error)
    {
        Ended.TrySetResult(error);
        return default;
    }
}
