using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Responses;

/// <summary>`usage`: token counts of one request.</summary>
public sealed record CompletionUsage
{
    public required int PromptTokens { get; init; }
    public required int CompletionTokens { get; init; }
    public int TotalTokens => PromptTokens + CompletionTokens;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PromptTokensDetails? PromptTokensDetails { get; init; }

    /// <summary>Usage with the count of prompt tokens served from the prefix cache.</summary>
    public static CompletionUsage Of(int promptTokens, int completionTokens, int cachedTokens) => new()
    {
        PromptTokens = promptTokens,
        CompletionTokens = completionTokens,
        PromptTokensDetails = new PromptTokensDetails { CachedTokens = cachedTokens },
    };
}

/// <summary>`usage.prompt_tokens_details`.</summary>
public sealed record PromptTokensDetails
{
    /// <summary>Prompt tokens whose KV came from the prefix cache instead of being computed.</summary>
    public int CachedTokens { get; init; }
}
