namespace Platform.Engine.Sampling;

/// <summary>The chosen token, with its log probability and the most likely alternatives when they were asked for.</summary>
public readonly record struct SampledToken(int TokenId, float? Logprob, TokenLogprob[]? TopLogprobs);
