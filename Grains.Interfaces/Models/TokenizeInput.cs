using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Models;

/// <summary>Text or chat messages to encode (as vLLM's `/tokenize` takes them).</summary>
[GenerateSerializer, Alias("platform.TokenizeInput")]
public sealed record TokenizeInput(string? Prompt, IReadOnlyList<ChatMessageData>? Messages, bool AddSpecialTokens = true, bool AddGenerationPrompt = true);

/// <summary>The encoded ids, their count and the model's context length.</summary>
[GenerateSerializer, Alias("platform.TokenizeResult")]
public sealed record TokenizeResult(IReadOnlyList<int> Tokens, int MaxModelLength);
