namespace Platform.Engine.Sampling;

/// <summary>How one request picks each next token (OpenAI/vLLM semantics); defaults sample the plain distribution.</summary>
public sealed record SamplingParams
{
    /// <summary>Greedy decoding: temperature 0.</summary>
    public static SamplingParams Greedy { get; } = new() { Temperature = 0 };

    /// <summary>Divides the logits; 0 means greedy (argmax).</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Keep only the k most likely tokens; 0 or -1 disables.</summary>
    public int TopK { get; init; }

    /// <summary>Keep the smallest set of most likely tokens whose probability reaches this; 1 disables.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Drop tokens less likely than this fraction of the most likely one; 0 disables.</summary>
    public float MinP { get; init; }

    /// <summary>Seed of this request's own random generator: same seed, same tokens, whatever else is batched.</summary>
    public long? Seed { get; init; }

    /// <summary>Hugging Face repetition penalty over prompt and output tokens: positive logits divided, negative multiplied; 1 disables.</summary>
    public float RepetitionPenalty { get; init; } = 1f;

    /// <summary>OpenAI presence penalty: subtracted once from every token already generated.</summary>
    public float PresencePenalty { get; init; }

    /// <summary>OpenAI frequency penalty: subtracted per occurrence of every token already generated.</summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>Null: no log probabilities; n ≥ 0: the sampled token's plus the n most likely ones.</summary>
    public int? Logprobs { get; init; }

    /// <summary>OpenAI logit_bias: added to the logits of these token ids before anything else (-100 bans, +100 forces in practice).</summary>
    public IReadOnlyDictionary<int, float>? LogitBias { get; init; }

    /// <summary>vLLM min_tokens: the end tokens (EOS, stop token ids) cannot be sampled before this many tokens are generated.</summary>
    public int MinTokens { get; init; }

    /// <summary>Whether sampling reduces to argmax.</summary>
    public bool IsGreedy => Temperature == 0f || TopK == 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first out-of-range setting.</summary>
    public void Validate()
    {
        if (!(Temperature >= 0f) || float.IsInfinity(Temperature))
            throw new ArgumentException($"temperature must be a finite number ≥ 0, got {Temperature}.");
        if (TopK < -1)
            throw new ArgumentException($"top_k must be -1, 0 (disabled) or a positive count, got {TopK}.");
        if (!(TopP > 0f && TopP <= 1f))
            throw new ArgumentException($"top_p must be in (0, 1], got {TopP}.");
        if (!(MinP >= 0f && MinP <= 1f))
            throw new ArgumentException($"min_p must be in [0, 1], got {MinP}.");
        if (!(RepetitionPenalty > 0f) || float.IsInfinity(RepetitionPenalty))
            throw new ArgumentException($"repetition_penalty must be a finite number > 0, got {RepetitionPenalty}.");
        if (!float.IsFinite(PresencePenalty) || Math.Abs(PresencePenalty) > 2f)
            throw new ArgumentException($"presence_penalty must be in [-2, 2], got {PresencePenalty}.");
        if (!float.IsFinite(FrequencyPenalty) || Math.Abs(FrequencyPenalty) > 2f)
            throw new ArgumentException($"frequency_penalty must be in [-2, 2], got {FrequencyPenalty}.");
        if (MinTokens < 0)
            throw new ArgumentException($"min_tokens must be at least 0, got {MinTokens}.");
        if (LogitBias is not null)
            foreach (var (token, bias) in LogitBias)
                if (token < 0 || !float.IsFinite(bias) || Math.Abs(bias) > 100f)
                    throw new ArgumentException($"logit_bias maps token ids ≥ 0 to biases in [-100, 100], got {token}: {bias}.");
        if (Logprobs is < 0 or > 20)
            throw new ArgumentException($"logprobs must be between 0 and 20, got {Logprobs}.");
    }
}
