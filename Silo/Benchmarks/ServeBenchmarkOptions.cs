namespace Platform.Silo.Benchmarks;

/// <summary>The load `platform bench serve` puts on a server.</summary>
public sealed record ServeBenchmarkOptions
{
    /// <summary>Concurrent clients per level, run in this order.</summary>
    public required IReadOnlyList<int> Levels { get; init; }
    public int PromptTokens { get; init; } = 128;
    public int MaxTokens { get; init; } = 128;
    /// <summary>Requests each client sends back to back within a level.</summary>
    public int RequestsPerClient { get; init; } = 4;
    /// <summary>Use `/v1/chat/completions` with the prompt as one user message instead of `/v1/completions`.</summary>
    public bool Chat { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (Levels.Count == 0 || Levels.Any(l => l < 1))
            throw new ArgumentException("--concurrency needs one or more positive numbers.");
        if (PromptTokens < 1)
            throw new ArgumentException($"--prompt-tokens must be positive, got {PromptTokens}.");
        if (MaxTokens < 1)
            throw new ArgumentException($"--max-tokens must be positive, got {MaxTokens}.");
        if (RequestsPerClient < 1)
            throw new ArgumentException($"--requests-per-client must be positive, got {RequestsPerClient}.");
    }
}
