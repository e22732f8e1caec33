namespace Platform.Silo.Benchmarks;

/// <summary>One row of the routing comparison: a run of the tenant workload on one topology and policy, and what it measured.</summary>
public sealed record PolicyResult
{
    /// <summary>The routing policy, or `baseline` for the one replica with every silo's KV memory.</summary>
    public required string Label { get; init; }

    public required int Silos { get; init; }

    /// <summary>Replicas of the model in the topology (those with no request count as zero in the balance).</summary>
    public required int ReplicaCount { get; init; }

    public required TenantRun Run { get; init; }

    /// <summary>The run's per-replica figures: the difference of `/metrics` scraped before and after it.</summary>
    public required ReplicaCounts Replicas { get; init; }

    public int Requests => Run.Turns.Count;

    public long PromptTokens => Run.Turns.Sum(t => (long)t.Completion.PromptTokens);

    public long CachedTokens => Run.Turns.Sum(t => (long)t.Completion.CachedTokens);

    /// <summary>Prompt tokens the replicas had to prefill because no cached block held them.</summary>
    public long ComputedTokens => PromptTokens - CachedTokens;

    public double HitRate => PromptTokens == 0 ? 0 : (double)CachedTokens / PromptTokens;

    public long OutputTokens => Run.Turns.Sum(t => (long)t.Completion.CompletionTokens);

    public double OutputTokensPerSecond => OutputTokens / Run.WallSeconds;

    public double P50TimeToFirstTokenSeconds => TtftPercentile(50);

    public double P90TimeToFirstTokenSeconds => TtftPercentile(90);

    /// <summary>Requests of the busiest replica over the mean per replica: 1 is even, <see cref="ReplicaCount"/> is all on one; NaN when `/metrics` counted none.</summary>
    public double Balance
    {
        get
        {
            var total = Replicas.TotalRequests;
            if (total == 0 || ReplicaCount == 0)
                return double.NaN;
            return Replicas.Requests.Values.Max() / ((double)total / Math.Max(ReplicaCount, Replicas.Requests.Count));
        }
    }

    /// <summary>Preemptions on every replica during the run: a sign the KV budget could not hold the running sequences.</summary>
    public long Preemptions => Replicas.Preemptions.Values.Sum();

    /// <summary>KV capacity of the largest replica in tokens, from `vllm:cache_config_info`; 0 when the server does not report it.</summary>
    public long KvTokensPerReplica => Replicas.KvTokens.Values.DefaultIfEmpty(0).Max();

    private double TtftPercentile(double percent) =>
        LatencyStatistics.Percentile(Run.Turns.Select(t => t.Completion.TimeToFirstTokenSeconds).ToArray(), percent);
}
