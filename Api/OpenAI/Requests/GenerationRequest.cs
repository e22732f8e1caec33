using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Requests;

/// <summary>The sampling and streaming fields shared by `/v1/chat/completions` and `/v1/completions`.</summary>
public abstract record GenerationRequest
{
    public string? Model { get; init; }
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? N { get; init; }
    public StopSequences? Stop { get; init; }
    public long? Seed { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public Dictionary<string, double>? LogitBias { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    /// <summary>OpenAI's end-user id (superseded by safety_identifier and prompt_cache_key): recorded in the access log, not used.</summary>
    public string? User { get; init; }

    /// <summary>OpenAI's stable id of the end user for abuse detection (at most 64 characters): recorded, not used.</summary>
    public string? SafetyIdentifier { get; init; }

    /// <summary>OpenAI's cache hint: requests with the same key share a prefix, so they are routed to the same replica when load allows.</summary>
    public string? PromptCacheKey { get; init; }

    /// <summary>vLLM extension: EOS and stop token ids cannot end the output (nor stop strings match) before this many tokens.</summary>
    public int? MinTokens { get; init; }

    /// <summary>vLLM extension: keep generating past EOS until max_tokens (or the context is full).</summary>
    public bool? IgnoreEos { get; init; }

    /// <summary>vLLM extension: keep only the k most likely tokens (0 or -1 disables).</summary>
    public int? TopK { get; init; }

    /// <summary>vLLM extension: drop tokens less likely than min_p times the most likely one.</summary>
    public double? MinP { get; init; }

    /// <summary>vLLM extension: divide the logits of tokens already seen by this factor (1 disables).</summary>
    public double? RepetitionPenalty { get; init; }

    /// <summary>vLLM extension: salts the prefix cache, so only requests with the same salt (within the tenant) share cached blocks.</summary>
    public string? CacheSalt { get; init; }

    /// <summary>vLLM extension, kept raw for a shape check that names the bad element: token ids that end the generation.</summary>
    public System.Text.Json.JsonElement? StopTokenIds { get; init; }

    /// <summary>The validated stop_token_ids.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> StopTokenIdValues =>
        StopTokenIds is { ValueKind: System.Text.Json.JsonValueKind.Array } ids ? ids.EnumerateArray().Select(id => id.GetInt32()).ToList() : [];

    /// <summary>Kept raw for shape checks: text, json_object or json_schema (structured outputs).</summary>
    public System.Text.Json.JsonElement? ResponseFormat { get; init; }

    /// <summary>vLLM extension, kept raw: one of json, regex or choice constrains the output.</summary>
    public System.Text.Json.JsonElement? StructuredOutputs { get; init; }

    /// <summary>vLLM's older names for structured_outputs.json, .regex, .choice and .grammar, kept raw.</summary>
    public System.Text.Json.JsonElement? GuidedJson { get; init; }

    /// <inheritdoc cref="GuidedJson"/>
    public System.Text.Json.JsonElement? GuidedRegex { get; init; }

    /// <inheritdoc cref="GuidedJson"/>
    public System.Text.Json.JsonElement? GuidedChoice { get; init; }

    /// <inheritdoc cref="GuidedJson"/>
    public System.Text.Json.JsonElement? GuidedGrammar { get; init; }

    /// <summary>The generation length cap the client asked for, or null for "until a stop condition".</summary>
    [JsonIgnore]
    public virtual int? MaxOutputTokens => MaxTokens;

    /// <summary>True when the client asked for server-sent events.</summary>
    [JsonIgnore]
    public bool IsStreaming => Stream == true;

    /// <summary>True when a streamed response must end with a usage chunk.</summary>
    [JsonIgnore]
    public bool IncludeStreamUsage => IsStreaming && StreamOptions?.IncludeUsage == true;
}
