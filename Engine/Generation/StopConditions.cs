namespace Platform.Engine.Generation;

/// <summary>When a request ends: token limit, stop strings, stop token ids, and whether EOS counts.</summary>
public sealed record StopConditions
{
    /// <summary>Most tokens to generate; null: up to the context length.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Strings that end the text; the matched string is not part of the output.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Token ids that end generation in addition to EOS.</summary>
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>Keep generating past the model's EOS tokens.</summary>
    public bool IgnoreEos { get; init; }
}
