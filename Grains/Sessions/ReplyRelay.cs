using System.Runtime.CompilerServices;
using System.Text;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Sessions;

/// <summary>
/// Relays a routed generation's chunks while gathering the reply, and lets the caller store a finished reply before
/// its final chunk goes out: what the caller returns (an error chunk when the write failed) replaces that chunk.
/// </summary>
internal static class ReplyRelay
{
    /// <summary>The reply's text and generated ids, and its final chunk ("stop" or "length"); returns a replacement final chunk or null.</summary>
    public delegate Task<TokenChunk?> Finish(string reply, IReadOnlyList<int> replyIds, TokenChunk final);

    public static async IAsyncEnumerable<TokenChunk> RunAsync(IGrainFactory grains, GenerationJob job, Finish finish,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var reply = new StringBuilder();
        var replyIds = new List<int>();
        await foreach (var chunk in RoutedGeneration.RunAsync(grains, job, ct))
        {
            reply.Append(chunk.Text);
            replyIds.AddRange(chunk.TokenIds);
            if (!chunk.IsFinal)
            {
                yield return chunk;
                continue;
            }
            // An aborted or failed generation is passed on as it is: nothing of it is stored.
            yield return chunk.FinishReason is "stop" or "length" && chunk.Error is null
                ? await finish(reply.ToString(), replyIds, chunk) ?? chunk
                : chunk;
            yield break;
        }
    }
}
