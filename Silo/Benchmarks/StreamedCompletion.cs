namespace Platform.Silo.Benchmarks;

/// <summary>What one streamed request measured: the server's token counts and when its content chunks arrived.</summary>
/// <param name="PromptTokens">`usage.prompt_tokens` of the final chunk.</param>
/// <param name="CompletionTokens">`usage.completion_tokens` of the final chunk.</param>
/// <param name="TimeToFirstTokenSeconds">From sending the request to the first chunk carrying a token.</param>
/// <param name="InterTokenGapsSeconds">Time between consecutive tokens (a chunk of n tokens contributes n equal parts of its gap).</param>
/// <param name="LatencySeconds">From sending the request to the end of the stream.</param>
/// <param name="CachedTokens">`usage.prompt_tokens_details.cached_tokens`: prompt tokens the server took from its prefix cache.</param>
/// <param name="Text">The generated text, all content chunks joined (what a chat client sends back as the assistant's turn).</param>
public sealed record StreamedCompletion(int PromptTokens, int CompletionTokens, double TimeToFirstTokenSeconds, IReadOnlyList<double> InterTokenGapsSeconds,
    double LatencySeconds, int CachedTokens = 0, string Text = "");
