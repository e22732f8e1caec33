namespace Platform.Engine.Scheduling;

/// <summary>Per-step limits of the scheduler.</summary>
public sealed record SchedulerOptions
{
    /// <summary>
    /// Default of <see cref="MaxPrefillTokensWithDecodes"/>, measured with `bench serve` at 16 streams on the CPU engine:
    /// ITL p99 about 2.5x p50 (uncapped: 13-19x) at about the uncapped throughput; 16 reaches 2x but loses 10-20% of it.
    /// </summary>
    public const int DefaultMaxPrefillTokensWithDecodes = 32;

    /// <summary>Most sequences running at once (vLLM's max_num_seqs).</summary>
    public int MaxNumSeqs { get; init; } = 64;

    /// <summary>Most tokens computed in one step, decodes plus prefill chunks (vLLM's max_num_batched_tokens).</summary>
    public int MaxNumBatchedTokens { get; init; } = 512;

    /// <summary>
    /// Most prefill tokens (chunks of running prefills and of admitted prompts) in a step that also decodes: every
    /// decoding stream waits for the whole step, so this bounds the inter-token latency a prefill adds. A step without
    /// decodes prefills up to <see cref="MaxNumBatchedTokens"/>; a cap at or above it is the uncapped policy.
    /// </summary>
    public int MaxPrefillTokensWithDecodes { get; init; } = DefaultMaxPrefillTokensWithDecodes;

    /// <summary>Admission and preemption order.</summary>
    public SchedulingPolicy Policy { get; init; } = SchedulingPolicy.Fcfs;

    /// <summary>Throws <see cref="ArgumentException"/> for non-positive limits.</summary>
    public void Validate()
    {
        if (MaxNumSeqs <= 0)
            throw new ArgumentException($"max_num_seqs must be positive, got {MaxNumSeqs}.");
        if (MaxNumBatchedTokens <= 0)
            throw new ArgumentException($"max_num_batched_tokens must be positive, got {MaxNumBatchedTokens}.");
        // Zero would stall every prompt behind decodes that may run for thousands of steps.
        if (MaxPrefillTokensWithDecodes <= 0)
            throw new ArgumentException($"max_prefill_tokens_with_decodes must be positive, got {MaxPrefillTokensWithDecodes}.");
    }
}
