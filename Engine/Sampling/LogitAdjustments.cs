namespace Platform.Engine.Sampling;

/// <summary>
/// What a request does to the raw logits before penalties and temperature: its logit_bias added by token id, and its
/// end tokens (EOS, stop token ids) banned until min_tokens tokens are generated. Arrays, so a step allocates nothing.
/// </summary>
internal sealed class LogitAdjustments
{
    /// <summary>Low enough that no token beats it and finite, so logprobs stay numbers; penalties and 1/temperature keep it finite.</summary>
    public const float Banned = -1e30f;

    private readonly int[] _biasIds;
    private readonly float[] _biases;
    private readonly int[] _endIds;
    private readonly int _minTokens;

    public LogitAdjustments(SamplingParams parameters, IReadOnlyCollection<int>? endTokenIds)
    {
        var bias = parameters.LogitBias;
        _biasIds = bias is null ? [] : [.. bias.Keys];
        _biases = bias is null ? [] : [.. _biasIds.Select(id => bias[id])];
        _minTokens = parameters.MinTokens;
        _endIds = _minTokens > 0 && endTokenIds is not null ? [.. endTokenIds] : [];
    }

    /// <summary>Whether <see cref="Apply"/> changes anything at all.</summary>
    public bool IsEmpty => _biasIds.Length == 0 && _endIds.Length == 0;

    /// <summary>Adjusts one row of logits of a request that has generated <paramref name="generated"/> tokens so far.</summary>
    public void Apply(Span<float> logits, int generated)
    {
        for (var i = 0; i < _biasIds.Length; i++)
            if ((uint)_biasIds[i] < (uint)logits.Length)
                logits[_biasIds[i]] += _biases[i];
        if (generated >= _minTokens)
            return;
        foreach (var id in _endIds)
            if ((uint)id < (uint)logits.Length)
                logits[id] = Banned;
    }
}
