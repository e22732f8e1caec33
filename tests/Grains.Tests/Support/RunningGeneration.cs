using Platform.Grains.Interfaces.Generation;
using Platform.Runtime.Streams;

namespace Platform.Grains.Tests.Support;

/// <summary>A generation started the way the API starts one: its token stream subscribed first, then the grain called.</summary>
internal sealed class RunningGeneration
{
    private RunningGeneration(GenerationStarted started, Task<List<TokenChunk>> chunks)
    {
        Started = started;
        Chunks = chunks;
    }

    public GenerationStarted Started { get; }

    /// <summary>Every chunk up to and including the final one.</summary>
    public Task<List<TokenChunk>> Chunks { get; }

    public static async Task<RunningGeneration> StartAsync(IServiceProvider services, string requestId, Func<Task<GenerationStarted>> start)
    {
        var stream = services.GetStreamProvider(TokenStreams.Provider).GetStream<TokenChunk>(TokenStreams.For(requestId));
        var subscription = await stream.SubscribeAsync();
        GenerationStarted started;
        try
        {
            started = await start();
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
        return new RunningGeneration(started, ReadAsync(subscription));
    }

    private static async Task<List<TokenChunk>> ReadAsync(StreamSubscription<TokenChunk> subscription)
    {
        await using var _ = subscription;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var chunks = new List<TokenChunk>();
        await foreach (var e in subscription.WithCancellation(timeout.Token))
        {
            chunks.Add(e.Item);
            if (e.Item.IsFinal)
                return chunks;
        }
        throw new InvalidOperationException("The token stream ended before its final chunk.");
    }
}
