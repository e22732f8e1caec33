using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Interfaces.Sessions;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>
/// What the in-test grains do, one per test server: records every job, turn and abandoned generation, and streams a
/// known script of token chunks for each job (optionally holding the final chunk back until the enumeration is cancelled).
/// </summary>
public sealed class ScriptedBackend
{
    public const int PromptTokens = 5;
    public const int CachedTokens = 2;

    public ConcurrentQueue<GenerationJob> Jobs { get; } = new();
    public ConcurrentQueue<SessionTurn> Turns { get; } = new();

    /// <summary>Request ids of the generations whose enumeration was cancelled or disposed before their final chunk.</summary>
    public ConcurrentQueue<string> Cancelled { get; } = new();

    public ConcurrentDictionary<string, SessionTranscript> Sessions { get; } = new();

    /// <summary>What the scripted tenant grain answers to Admit: by default admitted, with a fresh lease renewed every 20 s.</summary>
    public Func<TenantLimits, TenantAdmission> Admission { get; set; } = _ => new TenantAdmission(Guid.NewGuid(), TimeSpan.FromSeconds(20), null);

    /// <summary>Every admission the tenant grain answered, with its tenant id and the limits it was sent.</summary>
    public ConcurrentQueue<(string Tenant, TenantLimits Limits, TenantAdmission Admission)> Admissions { get; } = new();

    public ConcurrentQueue<Guid> Renewals { get; } = new();

    public ConcurrentQueue<(Guid Lease, TenantTokens Used)> Settlements { get; } = new();

    /// <summary>Replicas of each model ("{model}/0" …): the scripted router sends a job to the first one it has not failed on.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>The replica each generation ran on, in order of arrival (request id, replica key).</summary>
    public ConcurrentQueue<(string RequestId, string Replica)> Placements { get; } = new();

    /// <summary>Replicas reported to the deployment as failed, in order.</summary>
    public ConcurrentQueue<string> FailedReplicas { get; } = new();

    /// <summary>Thrown by the scripted prompt router for a job, when it returns one (a failure outside any replica, which is not retried).</summary>
    public Func<GenerationJob, Exception?> RouteFailure { get; set; } = _ => null;

    /// <summary>Thrown on the named replica by a generation's first MoveNextAsync (a replica that crashes at start), when it returns one.</summary>
    public Func<string, Exception?> CrashAtStart { get; set; } = _ => null;

    /// <summary>Thrown on the named replica after its first chunk (a replica lost mid-stream), when it returns one.</summary>
    public Func<string, Exception?> CrashAfterFirstChunk { get; set; } = _ => null;

    /// <summary>Thrown by a generation's first MoveNextAsync instead of admitting the job, when it returns one.</summary>
    public Func<GenerationJob, Exception?> Refuse { get; set; } = _ => null;

    /// <summary>The chunks each job streams, the last one final.</summary>
    public Func<GenerationJob, IReadOnlyList<TokenChunk>> Script { get; set; } = HelloWorld;

    /// <summary>When set, a job streams all but its final chunk, then waits until its enumeration is cancelled (an error chunk is not held).</summary>
    public bool HoldUntilCancelled { get; set; }

    /// <summary>The silo address the scripted replicas report.</summary>
    public const string Silo = "127.0.0.1:11111@1";

    /// <summary>What GetStatus answers for a deployment: by default its one replica, ready.</summary>
    public Func<string, DeploymentStatus> Status { get; set; } =
        model => new DeploymentStatus(model, 1, 0, 1, null, [ReadyReplica(ScriptedDeploymentGrain.ReplicaOf(model))]);

    /// <summary>What an idle replica that finished loading reports.</summary>
    public static ReplicaStatus ReadyReplica(string replicaKey) =>
        new(replicaKey, ReplicaPhase.Ready, Silo, ScriptedDeploymentGrain.MaxModelLength, ReplicaLoad.Idle(replicaKey), null);

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

    /// <summary>
    /// Runs <paramref name="job"/> as a grain's generation does: records it, throws the refusal if any, streams the script.
    /// Orleans cancels <paramref name="ct"/> and disposes the enumeration when the caller disposes its end early.
    /// </summary>
    public async IAsyncEnumerable<TokenChunk> GenerateAsync(GenerationJob job, string? replica = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Jobs.Enqueue(job);
        if (replica is not null)
        {
            Placements.Enqueue((job.RequestId, replica));
            if (CrashAtStart(replica) is { } crash)
                throw crash;
        }
        if (Refuse(job) is { } refusal)
            throw refusal;
        var deliveredFinal = false;
        var sent = 0;
        try
        {
            foreach (var chunk in Script(job))
            {
                if (sent++ == 1 && replica is not null && CrashAfterFirstChunk(replica) is { } lost)
                    throw lost;
                if (HoldUntilCancelled && chunk.IsFinal && chunk.Error is null)
                    await Task.Delay(Timeout.Infinite, ct);
                deliveredFinal = chunk.IsFinal;
                yield return chunk;
            }
        }
        finally
        {
            if (!deliveredFinal)
                Cancelled.Enqueue(job.RequestId);
        }
    }

    /// <summary>The first job admitted, once there is one.</summary>
    public async Task<GenerationJob> FirstJobAsync()
    {
        await Eventually.True(() => !Jobs.IsEmpty, "a job reached the scripted grains");
        return Assert.Single(Jobs);
    }

    /// <summary>Waits until the generation of <paramref name="requestId"/> was abandoned; fails if it never is.</summary>
    public Task WaitForCancelAsync(string requestId) =>
        Eventually.True(() => Cancelled.Contains(requestId), $"the generation {requestId} was cancelled", timeoutSeconds: 10);
}
