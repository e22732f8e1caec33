namespace Platform.Engine.Generation;

/// <summary>Token counts of a finished request; cached prompt tokens were found in the prefix cache, not recomputed.</summary>
public sealed record GenerationUsage(int PromptTokens, int CompletionTokens, int CachedPromptTokens)
{
    /// <summary>Prompt plus completion tokens.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens;
}
