using Platform.Api.OpenAI.Requests;

namespace Platform.Api.Wire;

/// <summary>The body of `POST /tokenize` (vLLM's shape): a prompt or chat messages to encode with a model's tokenizer.</summary>
public sealed record TokenizeRequest
{
    public string? Model { get; init; }
    public string? Prompt { get; init; }
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>Whether to add the tokenizer's special tokens (BOS); vLLM's default is true.</summary>
    public bool? AddSpecialTokens { get; init; }

    /// <summary>For messages: whether the template appends the assistant prompt; default true.</summary>
    public bool? AddGenerationPrompt { get; init; }
}
