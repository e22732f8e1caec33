using System.Text.Json.Nodes;

namespace Platform.Engine.Templates;

/// <summary>The variables a chat template renders with: messages, the generation-prompt flag, special tokens, tools and extras.</summary>
public sealed class ChatTemplateContext
{
    /// <summary>The conversation: objects with at least <c>role</c> and <c>content</c>.</summary>
    public required JsonArray Messages { get; init; }

    /// <summary>Whether to end with the header that starts the assistant's turn.</summary>
    public bool AddGenerationPrompt { get; init; } = true;

    /// <summary>The tokenizer's BOS token text; undefined in the template when null.</summary>
    public string? BosToken { get; init; }

    /// <summary>The tokenizer's EOS token text; undefined in the template when null.</summary>
    public string? EosToken { get; init; }

    /// <summary>Tool (function) definitions; undefined in the template when null.</summary>
    public JsonArray? Tools { get; init; }

    /// <summary>Further template variables (e.g. <c>enable_thinking</c>, <c>documents</c>, <c>date_string</c>).</summary>
    public IDictionary<string, JsonNode?>? Extra { get; init; }

    /// <summary>The clock <c>strftime_now()</c> reads (local time); the system clock unless set.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
