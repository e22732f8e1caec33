using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Tests.Support;

/// <summary>Reads token streams (a grain's <see cref="IAsyncEnumerable{T}"/>) the way callers do, bounded by a timeout.</summary>
internal static class Streams
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>Every chunk up to the end of the stream; asserts that the last one, and only it, is final.</summary>
    public static async Task<List<TokenChunk>> ReadToEndAsync(IAsyncEnumerable<TokenChunk> stream)
    {
        var chunks = new List<TokenChunk>();
        using var timeout = new CancellationTokenSource(Timeout);
        await ReadAsync().WaitAsync(Timeout);
        Assert.NotEmpty(chunks);
        Assert.True(chunks[^1].IsFinal, "the stream ended without a final chunk");
        Assert.All(chunks[..^1], c => Assert.False(c.IsFinal));
        return chunks;

        async Task ReadAsync()
        {
            await foreach (var chunk in stream.WithCancellation(timeout.Token))
                chunks.Add(chunk);
        }
    }

    /// <summary>Reads <paramref name="chunks"/> non-final chunks and keeps the stream open: see <see cref="HeldStream"/>.</summary>
    public static async Task<HeldStream> ReadSomeAsync(IAsyncEnumerable<TokenChunk> stream, int chunks = 1)
    {
        var enumerator = stream.GetAsyncEnumerator();
        var read = new List<TokenChunk>();
        try
        {
            while (read.Count < chunks)
            {
                Assert.True(await enumerator.MoveNextAsync().AsTask().WaitAsync(Timeout), "the stream ended early");
                Assert.False(enumerator.Current.IsFinal, "the stream ended early");
                read.Add(enumerator.Current);
            }
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
        return new HeldStream(enumerator, read);
    }
}

/// <summary>
/// A stream read partway: while held, its generation stays running (the engine holds it back once its buffer is
/// full); disposing it abandons the stream as a client that goes away does.
/// </summary>
internal sealed class HeldStream(IAsyncEnumerator<TokenChunk> enumerator, IReadOnlyList<TokenChunk> read) : IAsyncDisposable
{
    public IReadOnlyList<TokenChunk> Chunks => read;

    public async ValueTask DisposeAsync() => await enumerator.DisposeAsync().AsTask().WaitAsync(Streams.Timeout);
}
