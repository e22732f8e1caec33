namespace Platform.Api.Wire;

/// <summary>The answer of `POST /tokenize`: the ids, their count and the model's context length.</summary>
public sealed record TokenizeResponse(int Count, int MaxModelLen, IReadOnlyList<int> Tokens);
