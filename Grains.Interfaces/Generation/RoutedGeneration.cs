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
    /// <summary>Tries per request: the first replica and up to two others, and only before a token was streamed.</summary>
    private const int Attempts = 3;

    public static async IAsyncEnumerable<TokenChunk> RunAsync(IGrainFactory grains, GenerationJob job, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var deployment = grains.GetGrain<IDeploymentGrain>(job.Model);
        var router = grains.GetGrain<IPromptRouterGrain>(job.Model);
        IAsyncEnumerator<TokenChunk>? stream = null;
        var failed = new List<string>();
        string replica = "";
        for (var attempt = 1; stream is null; attempt++)
        {
            // The first route tokenizes; a retry routes the ids it got back, away from the replicas that failed it.
            var routed = await router.Route(job, [.. failed]);
            (replica, job) = (routed.ReplicaKey, routed.Job);
            var candidate = grains.GetGrain<IModelGrain>(replica).Generate(job).GetAsyncEnumerator(ct);
            try
            {
                if (!await candidate.MoveNextAsync())
                    throw new InvalidOperationException($"Replica {replica} ended generation {job.RequestId} without a chunk.");
                if (FailedAtStart(candidate.Current) is { } failure)
                {
                    if (attempt < Attempts && !ct.IsCancellationRequested)
                        throw failure;
                    // Out of tries: the error chunk ends the stream, and still counts against the replica.
                    await deployment.ReplicaFailed(replica);
                }
                else if (routed.ReportStart)
                    await deployment.ReplicaStarted(replica);
                stream = candidate;
            }
            catch (Exception error) when (!ct.IsCancellationRequested && IsRetryable(error))
            {
                await DisposeQuietlyAsync(candidate);
                await ReportAsync(deployment, replica, error);
                if (attempt < Attempts)
                {
                    failed.Add(replica);
                    continue;
                }
                if (error is PlatformRequestException)
                    throw;
                throw new PlatformRequestException(PlatformRequestException.ModelUnavailable, ReplicaFailures.IsUnreachable(error)
                    ? $"No replica of model '{job.Model}' could be reached; retry."
                    : $"Model '{job.Model}' failed to start the generation on {Attempts} tries; retry.");
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
                if (next.Error is { Code: PlatformRequestException.ModelUnavailable })
                    await deployment.ReplicaFailed(replica);
                chunk = next;
            }
        }
    }

    /// <summary>
    /// Tells the deployment what a failed start means: a loading replica reported itself; one that is gone or stopping
    /// cannot, so say it for it; a replica that could not be reached or broke counts toward ejecting it (draining does not).
    /// </summary>
    private static async Task ReportAsync(IDeploymentGrain deployment, string replica, Exception error)
    {
        if (error is PlatformRequestException { Code: PlatformRequestException.ModelLoading })
            return;
        if (ReplicaFailures.IsUnreachable(error) || error is PlatformRequestException { Code: PlatformRequestException.ReplicaDraining })
            await deployment.ReplicaUnreachable(replica);
        if (error is not PlatformRequestException { Code: PlatformRequestException.ReplicaDraining })
            await deployment.ReplicaFailed(replica);
    }

    /// <summary>A first chunk that is the replica's own failure (an engine error, no token): the request may start elsewhere.</summary>
    private static ReplicaStartFailedException? FailedAtStart(TokenChunk first) =>
        first is { Error: { Code: "internal_error" or PlatformRequestException.ModelUnavailable } error, TokenIds.Count: 0, Text.Length: 0 }
            ? new ReplicaStartFailedException(error)
            : null;

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

    /// <summary>
    /// Failures of the replica rather than refusals of the request: unreachable, loading, draining, unavailable, or a
    /// crash (any exception that is not a <see cref="PlatformRequestException"/>, which states a refusal). A failure of
    /// the state store is the cluster's, not the replica's: another replica would meet it too, so it is answered as is.
    /// </summary>
    private static bool IsRetryable(Exception error) =>
        ReplicaFailures.IsUnreachable(error) || error is ReplicaStartFailedException
        || error is PlatformRequestException { Code: PlatformRequestException.ModelLoading or PlatformRequestException.ReplicaDraining or PlatformRequestException.ModelUnavailable }
        || (error is not PlatformRequestException && error is not OperationCanceledException && !StateStoreFailures.IsStateStore(error));

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
