namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// One generation to run: exactly one of chat messages, prompt text or prompt token ids; how to sample; when to stop.
/// Its token events are published on the stream <see cref="TokenStreams.For"/>(<see cref="RequestId"/>).
/// </summary>
public sealed record GenerationJob
{
    public required string RequestId { get; init; }

    /// <summary>Served model name (the deployment key).</summary>
    public required string Model { get; init; }

    /// <summary>Chat messages, rendered with the model's chat template (with the generation prompt).</summary>
    public IReadOnlyList<ChatMessageData>? Messages { get; init; }

    /// <summary>Raw prompt text, encoded with the model's tokenizer (BOS added as the tokenizer does).</summary>
    public string? PromptText { get; init; }

    /// <summary>Prompt token ids, used as given.</summary>
    public IReadOnlyList<int>? PromptTokenIds { get; init; }

    /// <summary>Most tokens to generate; null: up to the context length.</summary>
    public int? MaxTokens { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    public SamplingSettings Sampling { get; init; } = new();

    public bool IgnoreEos { get; init; }

    /// <summary>Routing hint: requests with the same key go to the replica that served the last one (sessions use their id).</summary>
    public string? AffinityKey { get; init; }
}
