using Platform.Engine.Sampling;
using Platform.Engine.Structured.Matching;

namespace Platform.Engine.Generation;

/// <summary>A generation request: a prompt (token ids, or text to encode), sampling settings, stop conditions and priority.</summary>
public sealed record GenerationRequest
{
    /// <summary>Caller's id, echoed in every event.</summary>
    public string RequestId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Prompt text, encoded with the engine's tokenizer (ignored when <see cref="PromptTokenIds"/> is set).</summary>
    public string? Prompt { get; init; }

    /// <summary>Prompt token ids, used as given.</summary>
    public IReadOnlyList<int>? PromptTokenIds { get; init; }

    /// <summary>Whether encoding <see cref="Prompt"/> adds the tokenizer's special tokens (BOS).</summary>
    public bool AddSpecialTokens { get; init; } = true;

    /// <summary>Whether special tokens are left out of the streamed text.</summary>
    public bool SkipSpecialTokens { get; init; } = true;

    /// <summary>How tokens are picked.</summary>
    public SamplingParams Sampling { get; init; } = new();

    /// <summary>When generation ends.</summary>
    public StopConditions StopConditions { get; init; } = new();

    /// <summary>The output format the tokens must follow (from <see cref="LlmEngine.StructuredOutputs"/>), or null for free text.</summary>
    public CompiledConstraint? Constraint { get; init; }

    /// <summary>Lower runs first when the engine uses priority scheduling.</summary>
    public int Priority { get; init; }

    /// <summary>The client request (or tenant) this generation is part of: admission is fair across groups (null: its own).</summary>
    public string? Group { get; init; }

    /// <summary>Salts the prefix cache's hash chain (vLLM's cache_salt): only requests with the same salt share cached blocks (null: the model's plain chain).</summary>
    public string? CacheSalt { get; init; }
}
