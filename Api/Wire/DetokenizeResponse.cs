namespace Platform.Api.Wire;

/// <summary>The answer of `POST /detokenize`: the decoded text.</summary>
public sealed record DetokenizeResponse(string Prompt);
