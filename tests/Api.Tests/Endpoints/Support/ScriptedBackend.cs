using System.Collections.Concurrent;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Interfaces.Sessions;
using Platform.Runtime.Streams;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>
/// What the in-test grains do, one per test server: records every job, turn and cancellation, and publishes a known
/// script of token chunks on each job's stream (optionally holding the final chunk back until the job is cancelled).
/// </summary>
public sealed class ScriptedBackend(IServiceProvider services)
{
    public const int PromptTokens = 5;
    public const int CachedTokens = 2;

    readonly ConcurrentDictionary<string, TaskCompletionSource> _cancellations = new();

    public ConcurrentQueue<GenerationJob> Jobs { get; } = new();
    public ConcurrentQueue<SessionTurn> Turns { get; } = new();
    public ConcurrentQueue<string> Cancelled { get; } = new();
    public ConcurrentDictionary<string, SessionTranscript> Sessions { get; } = new();

    /// <summary>Thrown by Generate instead of admitting the job, when it returns one.</summary>
    public Func<GenerationJob, Exception?> Refuse { get; set; } = _ => null;

    /// <summary>The chunks each job publishes, the last one final.</summary>
    public Func<GenerationJob, IReadOnlyList<TokenChunk>> Script { get; set; } = HelloWorld;

    /// <summary>When set, a job publishes all but its final chunk, then ends with finish reason "abort" once cancelled.</summary>
    public bool HoldUntilCancelled { get; set; }

    /// <summary>What GetStatus answers for a deployment.</summary>
    public Func<string, DeploymentStatus> Status { get; set; } = model => new DeploymentStatus(model, 1, 0, 1, null, []);

    /// <summary>"Hello" " world" "!" (ids 1, 2, 3), the first text marked with the seed, logprobs when asked for.</summary>
    public static IReadOnlyList<TokenChunk> HelloWorld(GenerationJob job)
    {
        var mark = job.Sampling.Seed is { } seed ? $"#{seed}" : "";
        return
        [
            Chunk(job, "Hello" + mark, 1, -0.25f),
            Chunk(job, " world", 2, -0.5f),
            Chunk(job, "!", 3, -1f) with { FinishReason = "stop", Usage = new TokenUsage(PromptTokens, 3, CachedTokens) },
        ];
    }

    /// <summary>A one-token chunk whose logprobs (when the job asks) name the token and one alternative "alt".</summary>
    public static TokenChunk Chunk(GenerationJob job, string text, int id, float logprob) =>
        new(text, [id], job.Sampling.Logprobs is null ? null : [new TokenLogprobData(id, text, logprob, [new TopLogprobData(id, text, logprob), new TopLogprobData(99, "alt", -3f)])]);

    public Task<GenerationStarted> GenerateAsync(GenerationJob job)
    {
        Jobs.Enqueue(job);
        if (Refuse(job) is { } refusal)
            return Task.FromException<GenerationStarted>(refusal);
        var stream = services.GetStreamProvider(TokenStreams.Provider).GetStream<TokenChunk>(TokenStreams.For(job.RequestId));
        var cancelled = CancellationOf(job.RequestId);
        var chunks = Script(job);
        _ = Task.Run(async () =>
        {
            foreach (var chunk in chunks)
            {
                if (HoldUntilCancelled && chunk.IsFinal)
                {
                    await cancelled.Task;
                    await stream.OnNextAsync(new TokenChunk("", [], FinishReason: "abort"));
                    return;
                }
                await stream.OnNextAsync(chunk);
            }
        });
        return Task.FromResult(new GenerationStarted(job.RequestId, $"{job.Model}/0", PromptTokens));
    }

    public void Cancel(string requestId)
    {
        Cancelled.Enqueue(requestId);
        CancellationOf(requestId).TrySetResult();
    }

    /// <summary>The first job admitted, once there is one (waits up to ten seconds).</summary>
    public async Task<GenerationJob> FirstJobAsync()
    {
        for (var waited = 0; waited < 1000 && Jobs.IsEmpty; waited++)
            await Task.Delay(10);
        return Assert.Single(Jobs);
    }

    /// <summary>Waits (up to ten seconds) until <paramref name="requestId"/> was cancelled; false if it never was.</summary>
    public async Task<bool> WaitForCancelAsync(string requestId)
    {
        var cancelled = CancellationOf(requestId).Task;
        return await Task.WhenAny(cancelled, Task.Delay(TimeSpan.FromSeconds(10))) == cancelled;
    }

    TaskCompletionSource CancellationOf(string requestId) =>
        _cancellations.GetOrAdd(requestId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
