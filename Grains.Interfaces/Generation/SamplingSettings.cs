namespace Platform.Grains.Interfaces.Generation;

/// <summary>How tokens are picked, in OpenAI/vLLM terms; the defaults sample the model's plain distribution.</summary>
[GenerateSerializer, Alias("platform.SamplingSettings")]
public sealed record SamplingSettings
{
    [Id(0)] public float Temperature { get; init; } = 1f;
    [Id(1)] public float TopP { get; init; } = 1f;
    [Id(2)] public int TopK { get; init; }
    [Id(3)] public float MinP { get; init; }
    [Id(4)] public long? Seed { get; init; }
    [Id(5)] public float RepetitionPenalty { get; init; } = 1f;
    [Id(6)] public float PresencePenalty { get; init; }
    [Id(7)] public float FrequencyPenalty { get; init; }

    /// <summary>Null: no log probabilities; n ≥ 0: the sampled token's plus the n most likely alternatives.</summary>
    [Id(8)] public int? Logprobs { get; init; }

    /// <summary>OpenAI logit_bias: token id → bias added to its logit before anything else; null or empty: none.</summary>
    [Id(9)] public IReadOnlyDictionary<int, float>? LogitBias { get; init; }

    /// <summary>vLLM min_tokens: EOS and stop token ids are not sampled (and stop strings not matched) before this many tokens.</summary>
    [Id(10)] public int MinTokens { get; init; }
}
