namespace Platform.Engine.Scheduling;

/// <summary>
/// How many prefill tokens a step that also decodes may take. The latency budget keeps the step within
/// <see cref="SchedulerOptions.DecodeLatencyFactor"/> of a decode-only step; a prompt that has waited
/// <see cref="SchedulerOptions.LongPrefillWait"/> lifts it to the full budget, but each such slow step spends one slow
/// token per decoding stream from an allowance that earns <see cref="SchedulerOptions.SlowDecodeShare"/> per decoded
/// token, so slow gaps stay a bounded share of all gaps however long prompts queue.
/// </summary>
internal sealed class PrefillAllowance
{
    private readonly SchedulerOptions _options;
    private readonly int _cap;
    private double _slowTokens;
    private int _latencyTokens;

    public PrefillAllowance(SchedulerOptions options)
    {
        _options = options;
        _cap = Math.Min(options.MaxPrefillTokensWithDecodes, options.MaxNumBatchedTokens);
        _slowTokens = options.SlowDecodeBurst;
        Cost = new StepCostModel(options.StepFixedCostTokens, options.MaxNumBatchedTokens);
    }

    /// <summary>The learnt step cost the latency budget is computed from.</summary>
    public StepCostModel Cost { get; }

    /// <summary>Slow decoded tokens still allowed (negative: owed after a slow step with more streams than were saved).</summary>
    public double SlowTokens => _slowTokens;

    /// <summary>
    /// Prefill tokens that keep a step of <paramref name="decodes"/> decodes within the latency factor, the step's total
    /// rounded up to whole <see cref="SchedulerOptions.StepTokenGroup"/>s; at least 1, so prompts always progress.
    /// </summary>
    public int LatencyTokens(int decodes)
    {
        var factor = _options.DecodeLatencyFactor;
        // The epsilon keeps a budget that is a whole number of tokens from losing one to rounding.
        var total = Math.Floor(factor * decodes + (factor - 1) * Cost.FixedCostTokens + 1e-9);
        total = Math.Ceiling(total / _options.StepTokenGroup) * _options.StepTokenGroup;
        return (int)Math.Clamp(total - decodes, 1, _cap);
    }

    /// <summary>The prefill tokens this step may take beside <paramref name="decodes"/> decodes, the oldest pending prompt having waited <paramref name="oldestWait"/>.</summary>
    public int Grant(int decodes, TimeSpan oldestWait)
    {
        _latencyTokens = LatencyTokens(decodes);
        return oldestWait >= _options.LongPrefillWait && _slowTokens > 0 ? _cap : _latencyTokens;
    }

    /// <summary>Books the planned step: charges a slow step its streams and earns the share of its decodes.</summary>
    public void Settle(int decodes, int prefillTokens)
    {
        if (prefillTokens > _latencyTokens)
            _slowTokens -= decodes;
        _slowTokens = Math.Min(_options.SlowDecodeBurst, _slowTokens + _options.SlowDecodeShare * decodes);
    }
}
