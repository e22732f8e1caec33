namespace Platform.Engine.Sampling;

/// <summary>A token id with its log probability under the processed distribution.</summary>
public readonly record struct TokenLogprob(int TokenId, float Logprob);
