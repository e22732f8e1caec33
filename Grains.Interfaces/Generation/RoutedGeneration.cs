using System.Runtime.CompilerServices;
using Platform.Grains.Interfaces.Models;

namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// Runs a job on the replica its deployment picks (through the prompt router, which tokenizes it) and streams the replica's chunks straight to the caller (the
/// deployment only routes). Before the first chunk, a replica that is unreachable or still loading is reported and the
/// job routed again; after it, losing the replica ends the stream with an error chunk rather than an exception or a hang.
/// </summary>
public static class RoutedGeneration
{
    private const int Attempts = 3;

    public static async IAsyncEnumerable<TokenChunk> RunAsync(IGrainFactory grains, GenerationJob job, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var deployment = grains.GetGrain<IDeploymentGrain>(job.Model);
        var router = grains.GetGrain<IPromptRouterGrain>(job.Model);
        IAsyncEnumerator<TokenChunk>? stream = null;
        for (var attempt = 1; stream is null; attempt++)
        {
            // The first route tokenizes; a retry routes the ids it got back.
            var routed = await router.Route(job);
            (var replica, job) = (routed.ReplicaKey, routed.Job);
            var candidate = grains.GetGrain<IModelGrain>(replica).Generate(job).GetAsyncEnumerator(ct);
            try
            {
                if (!await candidate.MoveNextAsync())
                    throw new InvalidOperationException($"Replica {replica} ended generation {job.RequestId} without a chunk.");
                stream = candidate;
            }
            catch (Exception error) when (attempt < Attempts && !ct.IsCancellationRequested && IsRetryable(error))
            {
                await DisposeQuietlyAsync(candidate);
                // A loading replica reported itself as loading; one that is gone or stopping cannot, so say it for it.
                if (error is not PlatformRequestException { Code: PlatformRequestException.ModelLoading })
                    await deployment.ReplicaUnreachable(replica);
            }
            catch (Exception error) when (!ct.IsCancellationRequested && ReplicaFailures.IsUnreachable(error))
            {
                await DisposeQuietlyAsync(candidate);
                throw new PlatformRequestException(PlatformRequestException.ModelUnavailable,
                    $"No replica of model '{job.Model}' could be reached; retry.");
            }
            catch
            {
                await DisposeQuietlyAsync(candidate);
                throw;
            }
        }
        await using (stream)
        {
            var chunk = stream.Current;
            while (true)
            {
                yield return chunk;
                if (chunk.IsFinal)
                    yield break;
                var next = await NextAsync(stream, ct);
                if (next is null)
                    yield break;
                chunk = next;
            }
        }
    }

    /// <summary>The next chunk, null at the end, or an error chunk when the replica was lost mid-stream.</summary>
    private static async Task<TokenChunk?> NextAsync(IAsyncEnumerator<TokenChunk> stream, CancellationToken ct)
    {
        try
        {
            return await stream.MoveNextAsync() ? stream.Current : null;
        }
        catch (Exception error) when (!ct.IsCancellationRequested && error is not OperationCanceledException)
        {
            return new TokenChunk("", [], Error: ReplicaFailures.ToError(error));
        }
    }

    private static bool IsRetryable(Exception error) =>
        ReplicaFailures.IsUnreachable(error) || error is PlatformRequestException { Code: PlatformRequestException.ModelLoading or PlatformRequestException.ReplicaDraining };

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<TokenChunk> stream)
    {
        try
        {
            await stream.DisposeAsync();
        }
        catch (Exception)
        {
            // The replica is gone or refused: there is nothing left to release on its side.
        }
    }
}
