namespace Platform.Api.OpenAI.Requests;

/// <summary>The body of `POST /v1/completions` (legacy text completions).</summary>
public sealed record CompletionRequest : GenerationRequest
{
    public CompletionPrompt? Prompt { get; init; }

    /// <summary>How many most likely tokens (0–20) to report per position, or null for none.</summary>
    public int? Logprobs { get; init; }

    /// <summary>Whether to prepend the prompt to the completion; only false is supported.</summary>
    public bool? Echo { get; init; }

    /// <summary>Text after the insertion point; not supported by decoder-only serving.</summary>
    public string? Suffix { get; init; }

    /// <summary>Server-side candidates to rank; only the default (n) is supported.</summary>
    public int? BestOf { get; init; }
}
