using Platform.Kernels.Quantization;

namespace Platform.Engine.Scheduling;

/// <summary>Per-step limits of the scheduler.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Default of <see cref="MaxPrefillTokensWithDecodes"/>: no hard cap beyond the latency budget at the default step budget.</summary>
    public const int DefaultMaxPrefillTokensWithDecodes = 512;

    /// <summary>
    /// Default of <see cref="DecodeLatencyFactor"/>: at 16 streams on the CPU engine (`bench serve`, see README, Step
    /// budget) 1.6 keeps the inter-token p99/p50 near 1.8: 1.7 gave 1.9-2.0 for a 6% lower mean TTFT, 1.8 a ratio of 2-2.1,
    /// 1.5 the same ratio and a higher TTFT, 1.4 a TTFT p99 twice as long.
    /// </summary>
    public const double DefaultDecodeLatencyFactor = 1.6;

    /// <summary>Default of <see cref="LongPrefillWait"/>.</summary>
    public static readonly TimeSpan DefaultLongPrefillWait = TimeSpan.FromMilliseconds(200);

    /// <summary>Most sequences running at once (vLLM's max_num_seqs).</summary>
    public int MaxNumSeqs { get; init; } = 64;

    /// <summary>Most tokens computed in one step, decodes plus prefill chunks (vLLM's max_num_batched_tokens).</summary>
    public int MaxNumBatchedTokens { get; init; } = 512;

    /// <summary>
    /// A step that decodes may cost at most this multiple of a decode-only step of the same decodes (by
    /// <see cref="StepCostModel"/>): every decoding stream waits for the whole step, so this bounds the inter-token gap
    /// a prefill adds. Prefill then gets about (factor - 1) x (decodes + the step's fixed cost in tokens) tokens.
    /// </summary>
    public double DecodeLatencyFactor { get; init; } = DefaultDecodeLatencyFactor;

    /// <summary>
    /// A prompt that has waited this long (from arrival, prefill included) lets a step that decodes prefill up to the
    /// full budget, while the slow-step allowance lasts: the tail of a burst is not held at the latency budget's pace.
    /// </summary>
    public TimeSpan LongPrefillWait { get; init; } = DefaultLongPrefillWait;

    /// <summary>
    /// Share of decoded tokens that may come out of steps over the latency budget (each such step slows every stream
    /// in it once): 0.005 leaves an inter-token p99 objective half its 1% of slow tokens.
    /// </summary>
    public double SlowDecodeShare { get; init; } = 0.005;

    /// <summary>Slow decoded tokens allowed before any were earned (a burst at start-up); the allowance never saves more.</summary>
    public int SlowDecodeBurst { get; init; } = 32;

    /// <summary>The step's fixed cost in tokens until the cost model has seen steps of different sizes (12: the CPU engine's 143M model).</summary>
    public double StepFixedCostTokens { get; init; } = 12;

    /// <summary>
    /// The matmuls compute a step's tokens in groups of this many, padding the last (8: the int8 GEMM's token group), so
    /// the latency budget rounds a step's tokens up to whole groups: prefill fills padding that is computed anyway.
    /// </summary>
    public int StepTokenGroup { get; init; } = PackedActivations.GroupTokens;

    /// <summary>
    /// Hard cap on prefill tokens in a step that also decodes, over the latency budget and the long-wait relaxation
    /// alike; a step without decodes prefills up to <see cref="MaxNumBatchedTokens"/>.
    /// </summary>
    public int MaxPrefillTokensWithDecodes { get; init; } = DefaultMaxPrefillTokensWithDecodes;

    /// <summary>Admission and preemption order.</summary>
    public SchedulingPolicy Policy { get; init; } = SchedulingPolicy.Fcfs;

    /// <summary>Throws <see cref="ArgumentException"/> for non-positive limits and out-of-range latency settings.</summary>
    public void Validate()
    {
        if (MaxNumSeqs <= 0)
            throw new ArgumentException($"max_num_seqs must be positive, got {MaxNumSeqs}.");
        if (MaxNumBatchedTokens <= 0)
            throw new ArgumentException($"max_num_batched_tokens must be positive, got {MaxNumBatchedTokens}.");
        // Zero would stall every prompt behind decodes that may run for thousands of steps.
        if (MaxPrefillTokensWithDecodes <= 0)
            throw new ArgumentException($"max_prefill_tokens_with_decodes must be positive, got {MaxPrefillTokensWithDecodes}.");
        if (!(DecodeLatencyFactor >= 1) || double.IsInfinity(DecodeLatencyFactor))
            throw new ArgumentException($"decode_latency_factor must be a finite number of at least 1, got {DecodeLatencyFactor}.");
        if (LongPrefillWait < TimeSpan.Zero)
            throw new ArgumentException($"long_prefill_wait must not be negative, got {LongPrefillWait}.");
        if (!(SlowDecodeShare is >= 0 and < 1))
            throw new ArgumentException($"slow_decode_share must be at least 0 and below 1, got {SlowDecodeShare}.");
        if (SlowDecodeBurst < 0)
            throw new ArgumentException($"slow_decode_burst must not be negative, got {SlowDecodeBurst}.");
        if (!(StepFixedCostTokens >= 0) || double.IsInfinity(StepFixedCostTokens))
            throw new ArgumentException($"step_fixed_cost_tokens must be a finite number of at least 0, got {StepFixedCostTokens}.");
        if (StepTokenGroup <= 0)
            throw new ArgumentException($"step_token_group must be positive, got {StepTokenGroup}.");
    }
}
