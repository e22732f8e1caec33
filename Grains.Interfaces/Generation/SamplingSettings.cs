namespace Platform.Grains.Interfaces.Generation;

/// <summary>How tokens are picked, in OpenAI/vLLM terms; the defaults sample the model's plain distribution.</summary>
public sealed record SamplingSettings
{
    public float Temperature { get; init; } = 1f;
    public float TopP { get; init; } = 1f;
    public int TopK { get; init; }
    public float MinP { get; init; }
    public long? Seed { get; init; }
    public float RepetitionPenalty { get; init; } = 1f;
    public float PresencePenalty { get; init; }
    public float FrequencyPenalty { get; init; }

    /// <summary>Null: no log probabilities; n ≥ 0: the sampled token's plus the n most likely alternatives.</summary>
    public int? Logprobs { get; init; }
}
