using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Api.OpenAI.Requests;

/// <summary>
/// The body of `POST /v1/responses` (OpenAI's CreateResponse). Fields whose shape varies are kept raw for checks that
/// name the bad element; every field of the spec is either honoured or refused, and any other field is refused.
/// </summary>
public sealed record ResponseRequest
{
    public string? Model { get; init; }

    /// <summary>A string (one user message) or an array of input items; only message items are implemented.</summary>
    public JsonElement? Input { get; init; }

    public string? Instructions { get; init; }
    public int? MaxOutputTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public bool? Stream { get; init; }
    public JsonElement? StreamOptions { get; init; }
    public bool? Store { get; init; }
    public string? PreviousResponseId { get; init; }
    public JsonElement? Metadata { get; init; }
    public string? User { get; init; }
    public string? SafetyIdentifier { get; init; }
    public string? PromptCacheKey { get; init; }
    public string? PromptCacheRetention { get; init; }
    public JsonElement? PromptCacheOptions { get; init; }
    public JsonElement? Text { get; init; }
    public JsonElement? Tools { get; init; }
    public JsonElement? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public int? MaxToolCalls { get; init; }
    public string? Truncation { get; init; }
    public JsonElement? Reasoning { get; init; }
    public JsonElement? Include { get; init; }
    public bool? Background { get; init; }
    public JsonElement? Prompt { get; init; }
    public string? ServiceTier { get; init; }
    public JsonElement? Conversation { get; init; }
    public JsonElement? ContextManagement { get; init; }
    public JsonElement? Moderation { get; init; }
    public int? TopLogprobs { get; init; }

    /// <summary>Fields the spec does not have: refused with unknown_parameter.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>True when the client asked for server-sent events.</summary>
    [JsonIgnore]
    public bool IsStreaming => Stream == true;

    /// <summary>Whether the stream's delta events carry the `obfuscation` padding (on unless turned off, as OpenAI does).</summary>
    [JsonIgnore]
    public bool IncludeObfuscation =>
        !(StreamOptions is { ValueKind: JsonValueKind.Object } options && options.TryGetProperty("include_obfuscation", out var value)
          && value.ValueKind == JsonValueKind.False);
}
