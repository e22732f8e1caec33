using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;

namespace Platform.Api.OpenAI.Validation;

/// <summary>
/// Checks of a `POST /v1/responses` body with the spec's limits: each field is honoured, or its shape is checked and
/// any value that would need what this server does not have (tools, structured output, reasoning, …) is refused.
/// </summary>
internal static partial class ResponseRequestChecks
{
    /// <summary>The smallest max_output_tokens the spec allows.</summary>
    public const int MinOutputTokens = 16;

    public const int MaxMetadataEntries = 16;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 512;

    static readonly string[] Truncations = ["auto", "disabled"];
    static readonly string[] ServiceTiers = ["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"];
    static readonly string[] Retentions = ["in_memory", "24h"];
    static readonly string[] Verbosities = ["low", "medium", "high"];
    static readonly string[] Includes =
    [
        "file_search_call.results", "web_search_call.results", "web_search_call.action.sources", "message.input_image.image_url",
        "computer_call_output.output.image_url", "code_interpreter_call.outputs", "reasoning.encrypted_content", "message.output_text.logprobs",
    ];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex ResponseIdPattern();

    /// <summary>Whether <paramref name="id"/> can be a response id (so it is safe as a grain key and in a URL).</summary>
    public static bool IsResponseId(string id) => ResponseIdPattern().IsMatch(id);

    /// <summary>400 for a field the spec does not have, in OpenAI's words.</summary>
    public static ApiError Unknown(string param) =>
        ApiError.InvalidRequest(param, $"Unrecognized request argument supplied: {param}", "unknown_parameter");

    /// <summary>The first problem with <paramref name="request"/>, or null when it is valid.</summary>
    public static ApiError? Check(ResponseRequest request) =>
        (request.Unknown is { Count: > 0 } unknown ? Unknown(unknown.Keys.First()) : null)
        ?? (string.IsNullOrWhiteSpace(request.Model) ? ApiError.Missing("model") : null)
        ?? ResponseInputReader.Read(request.Input).Error
        ?? GenerationRequestChecks.AtLeast("max_output_tokens", request.MaxOutputTokens, MinOutputTokens)
        ?? GenerationRequestChecks.Between("temperature", request.Temperature, 0, 2)
        ?? GenerationRequestChecks.TopP(request.TopP)
        ?? StreamOptions(request)
        ?? Metadata(request.Metadata)
        ?? GenerationRequestChecks.AtMostCharacters("prompt_cache_key", request.PromptCacheKey, GenerationRequestChecks.MaxPromptCacheKeyLength)
        ?? GenerationRequestChecks.AtMostCharacters("safety_identifier", request.SafetyIdentifier, GenerationRequestChecks.MaxSafetyIdentifierLength)
        ?? GenerationRequestChecks.AtMostCharacters("user", request.User, GenerationRequestChecks.MaxUserLength)
        ?? (request.PreviousResponseId is { } previous && !IsResponseId(previous)
            ? ApiError.InvalidRequest("previous_response_id", $"Invalid 'previous_response_id': '{previous}' is not a response id.", "invalid_value")
            : null)
        ?? Text(request.Text)
        ?? Tools(request.Tools)
        ?? ToolChoice(request.ToolChoice)
        ?? GenerationRequestChecks.AtLeast("max_tool_calls", request.MaxToolCalls, 0)
        ?? OneOf("truncation", request.Truncation, Truncations)
        ?? Reasoning(request.Reasoning)
        ?? Include(request.Include)
        ?? (request.Background == true ? ApiError.Unsupported("background", "background responses are not implemented; omit it or send false") : null)
        ?? NotImplemented("prompt", request.Prompt, "stored prompt templates are not implemented; send 'input' and 'instructions'")
        ?? ServiceTier(request.ServiceTier)
        ?? NotImplemented("conversation", request.Conversation, "the Conversations API is not implemented; continue with 'previous_response_id'")
        ?? NotImplemented("context_management", request.ContextManagement, "context compaction is not implemented; use 'truncation': 'auto'")
        ?? NotImplemented("moderation", request.Moderation, "moderation is not implemented")
        ?? GenerationRequestChecks.Between("top_logprobs", request.TopLogprobs, 0, ChatRequestValidator.MaxTopLogprobs)
        ?? (request.TopLogprobs > 0 ? ApiError.Unsupported("top_logprobs", "log probabilities are not returned by /v1/responses yet; use /v1/chat/completions") : null)
        ?? PromptCacheRetention(request.PromptCacheRetention)
        ?? NotImplemented("prompt_cache_options", request.PromptCacheOptions, "cache options are not implemented: every prompt prefix is cached in memory while it fits");

    static ApiError? StreamOptions(ResponseRequest request)
    {
        if (request.StreamOptions is not { } options || options.ValueKind == JsonValueKind.Null)
            return null;
        if (!request.IsStreaming)
            return ApiError.InvalidRequest("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "invalid_value");
        if (options.ValueKind != JsonValueKind.Object)
            return ApiError.InvalidType("stream_options", "an object");
        foreach (var property in options.EnumerateObject())
        {
            if (property.Name != "include_obfuscation")
                return Unknown($"stream_options.{property.Name}");
            if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                return ApiError.InvalidType("stream_options.include_obfuscation", "a boolean");
        }
        return null;
    }

    static ApiError? Metadata(JsonElement? metadata)
    {
        if (metadata is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            return ApiError.InvalidType("metadata", "an object mapping strings to strings");
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            if (++count > MaxMetadataEntries)
                return ApiError.InvalidRequest("metadata", $"Invalid 'metadata': too many properties. Expected an object with at most {MaxMetadataEntries} properties.", "object_above_max_properties");
            if (property.Name.Length > MaxMetadataKeyLength)
                return ApiError.InvalidRequest("metadata", $"Invalid 'metadata': key '{property.Name}' is longer than {MaxMetadataKeyLength} characters.", "string_above_max_length");
            if (property.Value.ValueKind != JsonValueKind.String)
                return ApiError.InvalidType($"metadata.{property.Name}", "a string");
            if (property.Value.GetString()!.Length > MaxMetadataValueLength)
                return ApiError.InvalidRequest($"metadata.{property.Name}", $"Invalid 'metadata.{property.Name}': string longer than {MaxMetadataValueLength} characters.", "string_above_max_length");
        }
        return null;
    }

    static ApiError? Text(JsonElement? text)
    {
        if (text is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            return ApiError.InvalidType("text", "an object");
        foreach (var property in value.EnumerateObject())
        {
            var error = property.Name switch
            {
                "format" => Format(property.Value),
                // medium is the default: it asks for nothing this server would have to do.
                "verbosity" => property.Value.ValueKind == JsonValueKind.Null ? null
                    : property.Value.ValueKind != JsonValueKind.String ? ApiError.InvalidType("text.verbosity", "a string")
                    : property.Value.GetString() == "medium" ? null
                    : Verbosities.Contains(property.Value.GetString()) ? ApiError.Unsupported("text.verbosity", "output verbosity cannot be steered; only 'medium' is accepted")
                    : ApiError.InvalidValue("text.verbosity", property.Value.GetString()!, Verbosities),
                _ => Unknown($"text.{property.Name}"),
            };
            if (error is not null)
                return error;
        }
        return null;
    }

    static ApiError? Format(JsonElement format)
    {
        if (format.ValueKind == JsonValueKind.Null)
            return null;
        if (format.ValueKind != JsonValueKind.Object || !format.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            return ApiError.InvalidType("text.format", "an object with a string 'type'");
        return type.GetString() switch
        {
            "text" => FirstProperty(format, p => p.Name != "type") is { } extra ? Unknown($"text.format.{extra}") : null,
            "json_object" => FirstProperty(format, p => p.Name != "type") is { } extra ? Unknown($"text.format.{extra}") : null,
            "json_schema" => JsonSchemaFormat(format),
            var other => ApiError.InvalidValue("text.format.type", other!, ["text", "json_schema", "json_object"]),
        };
    }

    /// <summary>The Responses API's flat json_schema format: `name` and `schema` required, `strict` and `description` optional.</summary>
    static ApiError? JsonSchemaFormat(JsonElement format) =>
        OutputFormatReader.CheckJsonSchemaFormat(format, "text.format")
        ?? (FirstProperty(format, p => p.Name is not ("type" or "name" or "schema" or "strict" or "description")) is { } extra ? Unknown($"text.format.{extra}") : null);

    static ApiError? Tools(JsonElement? tools)
    {
        if (tools is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            return ApiError.InvalidType("tools", "an array of tools");
        var i = 0;
        foreach (var tool in value.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object || !tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                return ApiError.InvalidType($"tools[{i}]", "a tool object with a string 'type'");
            i++;
        }
        return i == 0 ? null : ApiError.Unsupported("tools", "tool calling is not implemented in /v1/responses yet");
    }

    static ApiError? ToolChoice(JsonElement? choice)
    {
        if (choice is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString() switch
            {
                // With no tools, "auto" and "none" both mean a plain message.
                "none" or "auto" => null,
                "required" => ApiError.Unsupported("tool_choice", "tool calling is not implemented; only 'none' and 'auto' are accepted"),
                var other => ApiError.InvalidValue("tool_choice", other!, ["none", "auto", "required"]),
            };
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            return ApiError.InvalidType("tool_choice", "'none', 'auto', 'required' or a tool choice object with a string 'type'");
        return ApiError.Unsupported("tool_choice", "tool calling is not implemented; only 'none' and 'auto' are accepted");
    }

    static ApiError? Reasoning(JsonElement? reasoning)
    {
        if (reasoning is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            return ApiError.InvalidType("reasoning", "an object");
        // An object of nulls asks for nothing; any setting would need a reasoning model.
        return FirstProperty(value, p => p.Value.ValueKind != JsonValueKind.Null) is { } name
            ? ApiError.Unsupported($"reasoning.{name}", "the served models do not reason")
            : null;
    }

    static ApiError? Include(JsonElement? include)
    {
        if (include is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            return ApiError.InvalidType("include", "an array of strings");
        var i = 0;
        foreach (var entry in value.EnumerateArray())
        {
            var param = $"include[{i++}]";
            if (entry.ValueKind != JsonValueKind.String)
                return ApiError.InvalidType(param, "a string");
            if (!Includes.Contains(entry.GetString()))
                return ApiError.InvalidValue(param, entry.GetString()!, Includes);
            return ApiError.Unsupported(param, $"'{entry.GetString()}' is not returned by this server");
        }
        return null;
    }

    static ApiError? ServiceTier(string? tier) => tier switch
    {
        null or "auto" or "default" => null,
        _ when ServiceTiers.Contains(tier) => ApiError.Unsupported("service_tier", "this server has one service tier; send 'auto' or 'default'"),
        _ => ApiError.InvalidValue("service_tier", tier, ServiceTiers),
    };

    static ApiError? PromptCacheRetention(string? retention) => retention switch
    {
        null or "in_memory" => null,
        "24h" => ApiError.Unsupported("prompt_cache_retention", "prefixes are cached in the replicas' memory only; send 'in_memory'"),
        _ => ApiError.InvalidValue("prompt_cache_retention", retention, Retentions),
    };

    static string? FirstProperty(JsonElement obj, Func<JsonProperty, bool> match)
    {
        foreach (var property in obj.EnumerateObject())
            if (match(property))
                return property.Name;
        return null;
    }

    static ApiError? OneOf(string param, string? value, string[] allowed) =>
        value is null || allowed.Contains(value) ? null : ApiError.InvalidValue(param, value, allowed);

    static ApiError? NotImplemented(string param, JsonElement? value, string why) =>
        value is { ValueKind: not JsonValueKind.Null } ? ApiError.Unsupported(param, why) : null;
}
