namespace Platform.Grains.Interfaces.Generation;

/// <summary>One generation to run: exactly one of chat messages, prompt text or prompt token ids; how to sample; when to stop.</summary>
[GenerateSerializer, Alias("platform.GenerationJob")]
public sealed record GenerationJob
{
    [Id(0)]
    public required string RequestId { get; init; }

    /// <summary>Served model name (the deployment key).</summary>
    [Id(1)]
    public required string Model { get; init; }

    /// <summary>Chat messages, rendered with the model's chat template (with the generation prompt).</summary>
    [Id(2)]
    public IReadOnlyList<ChatMessageData>? Messages { get; init; }

    /// <summary>Raw prompt text, encoded with the model's tokenizer (BOS added as the tokenizer does).</summary>
    [Id(3)]
    public string? PromptText { get; init; }

    /// <summary>Prompt token ids, used as given.</summary>
    [Id(4)]
    public IReadOnlyList<int>? PromptTokenIds { get; init; }

    /// <summary>Most tokens to generate; null: up to the context length.</summary>
    [Id(5)]
    public int? MaxTokens { get; init; }

    [Id(6)]
    public IReadOnlyList<string> Stop { get; init; } = [];

    [Id(7)]
    public SamplingSettings Sampling { get; init; } = new();

    [Id(8)]
    public bool IgnoreEos { get; init; }

    /// <summary>Routing hint: requests with the same key go to the replica that served the last one (sessions use their id).</summary>
    [Id(9)]
    public string? AffinityKey { get; init; }

    /// <summary>The client request the job is one choice of: the engine admits fairly across groups, so a request of many choices cannot hold others back.</summary>
    [Id(10)]
    public string? Group { get; init; }

    /// <summary>Token ids that end the generation like EOS does (vLLM's stop_token_ids).</summary>
    [Id(11)]
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>The tenant the request is made for: its prefix-cache blocks are salted with it (null: no tenant, the model's plain chain).</summary>
    [Id(12)]
    public string? Tenant { get; init; }

    /// <summary>The request's `cache_salt`: only requests with the same salt (and tenant, unless the model shares its cache) share cached blocks.</summary>
    [Id(13)]
    public string? CacheSalt { get; init; }

    /// <summary>The format the output must follow (structured outputs), or null for free text.</summary>
    [Id(20)]
    public OutputConstraint? OutputConstraint { get; init; }

    /// <summary>The chat request's tools and how to read calls; null when it sent none. (Id 21: clear of the ids added beside it; 20 is the output constraint's.)</summary>
    [Id(21)]
    public ToolCalling? Tools { get; init; }
}
