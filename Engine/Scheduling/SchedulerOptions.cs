namespace Platform.Engine.Scheduling;

/// <summary>Per-step limits of the scheduler.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Most sequences running at once (vLLM's max_num_seqs).</summary>
    public int MaxNumSeqs { get; init; } = 64;

    /// <summary>Most tokens computed in one step, decodes plus prefill chunks (vLLM's max_num_batched_tokens).</summary>
    public int MaxNumBatchedTokens { get; init; } = 512;

    /// <summary>Admission and preemption order.</summary>
    public SchedulingPolicy Policy { get; init; } = SchedulingPolicy.Fcfs;

    /// <summary>Throws <see cref="ArgumentException"/> for non-positive limits.</summary>
    public void Validate()
    {
        if (MaxNumSeqs <= 0)
            throw new ArgumentException($"max_num_seqs must be positive, got {MaxNumSeqs}.");
        if (MaxNumBatchedTokens <= 0)
            throw new ArgumentException($"max_num_batched_tokens must be positive, got {MaxNumBatchedTokens}.");
    }
}
