namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// One step's output of a generation: the text delta (stop strings withheld), the new token ids, their log
/// probabilities when asked for; the last chunk has the finish reason ("stop", "length", "abort", "tool_calls") and usage,
/// or an error. With tool parsing, <see cref="ToolCalls"/> holds the call deltas read from this step's output and
/// <see cref="Text"/> only the content outside them.
/// </summary>
[GenerateSerializer, Alias("platform.TokenChunk")]
public sealed record TokenChunk(
    string Text,
    IReadOnlyList<int> TokenIds,
    IReadOnlyList<TokenLogprobData>? Logprobs = null,
    string? FinishReason = null,
    TokenUsage? Usage = null,
    GenerationError? Error = null,
    IReadOnlyList<ToolCallChunk>? ToolCalls = null)
{
    public bool IsFinal => FinishReason is not null || Error is not null;
}

/// <summary>Token counts of a finished generation; cached prompt tokens came from the prefix cache.</summary>
[GenerateSerializer, Alias("platform.TokenUsage")]
public sealed record TokenUsage(int PromptTokens, int CompletionTokens, int CachedTokens);

/// <summary>A sampled token's log probability with its most likely alternatives.</summary>
[GenerateSerializer, Alias("platform.TokenLogprob")]
public sealed record TokenLogprobData(int TokenId, string Token, float Logprob, IReadOnlyList<TopLogprobData> Top);

/// <summary>One alternative token and its log probability.</summary>
[GenerateSerializer, Alias("platform.TopLogprob")]
public sealed record TopLogprobData(int TokenId, string Token, float Logprob);

/// <summary>Why a generation failed after it started.</summary>
[GenerateSerializer, Alias("platform.GenerationError")]
public sealed record GenerationError(string Code, string Message);
