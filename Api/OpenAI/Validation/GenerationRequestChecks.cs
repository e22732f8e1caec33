using System.Text.Json;
using System.Globalization;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Range checks of the sampling and streaming fields both endpoints share, with OpenAI's limits (vLLM's for its extensions).</summary>
internal static class GenerationRequestChecks
{
    public const int MaxStopSequences = 4;
    public const int MaxChoices = 128;

    public static ApiError? Check(GenerationRequest request) =>
        (string.IsNullOrWhiteSpace(request.Model) ? ApiError.Missing("model") : null)
        ?? Between("temperature", request.Temperature, 0, 2)
        ?? TopP(request.TopP)
        ?? Between("n", request.N, 1, MaxChoices)
        ?? AtLeast("max_tokens", request.MaxTokens, 1)
        ?? Between("presence_penalty", request.PresencePenalty, -2, 2)
        ?? Between("frequency_penalty", request.FrequencyPenalty, -2, 2)
        ?? Stops(request.Stop)
        ?? LogitBias(request.LogitBias)
        ?? (request.StreamOptions is not null && request.Stream != true
            ? ApiError.InvalidRequest("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "invalid_value")
            : null)
        // -1 and 0 both mean "no top-k", as in vLLM.
        ?? AtLeast("top_k", request.TopK, -1)
        ?? Between("min_p", request.MinP, 0, 1)
        ?? RepetitionPenalty(request.RepetitionPenalty)
        ?? StopTokenIds(request.StopTokenIds)
        ?? AtLeast("min_tokens", request.MinTokens, 0)
        ?? (request.MinTokens > request.MaxOutputTokens
            ? ApiError.InvalidRequest("min_tokens", $"Invalid 'min_tokens': {request.MinTokens} is more than the {request.MaxOutputTokens} tokens 'max_tokens' allows.", "invalid_value")
            : null)
        ?? AtMostCharacters("prompt_cache_key", request.PromptCacheKey, MaxPromptCacheKeyLength)
        ?? AtMostCharacters("safety_identifier", request.SafetyIdentifier, MaxSafetyIdentifierLength)
        ?? AtMostCharacters("user", request.User, MaxUserLength)
        ?? (request.CacheSalt is { Length: 0 } ? ApiError.InvalidRequest("cache_salt", "Invalid 'cache_salt': expected a non-empty string.", "invalid_value") : null)
        ?? AtMostCharacters("cache_salt", request.CacheSalt, PrefixCacheSalt.MaxLength)
        ?? OutputFormatReader.Read(request, out _);

    /// <summary>Longest prompt_cache_key: a routing key, kept short so keys stay cheap to hash and store.</summary>
    public const int MaxPromptCacheKeyLength = 512;

    /// <summary>OpenAI's limit on safety_identifier.</summary>
    public const int MaxSafetyIdentifierLength = 64;

    /// <summary>Longest user: it is written to the access log.</summary>
    public const int MaxUserLength = 512;

    public static ApiError? AtMostCharacters(string param, string? value, int maximum) =>
        value is { Length: var length } && length > maximum
            ? ApiError.InvalidRequest(param, $"Invalid '{param}': string too long. Expected a string with maximum length {maximum}, but got a string with length {length} instead.", "string_above_max_length")
            : null;

    public static ApiError? Between(string param, double? value, double minimum, double maximum) => value switch
    {
        null => null,
        double v when double.IsNaN(v) || v < minimum => ApiError.BelowMinimum(param, minimum, v),
        double v when v > maximum => ApiError.AboveMaximum(param, maximum, v),
        _ => null,
    };

    public static ApiError? Between(string param, int? value, int minimum, int maximum) => value switch
    {
        null => null,
        int v when v < minimum => ApiError.BelowMinimum(param, (long)minimum, v),
        int v when v > maximum => ApiError.AboveMaximum(param, (long)maximum, v),
        _ => null,
    };

    public static ApiError? AtLeast(string param, int? value, int minimum) =>
        value < minimum ? ApiError.BelowMinimum(param, (long)minimum, value.Value) : null;

    public static ApiError? TopP(double? value) => value switch
    {
        null => null,
        double v when double.IsNaN(v) || v <= 0 => ApiError.BelowMinimum("top_p", 0.0, v, inclusive: false),
        double v when v > 1 => ApiError.AboveMaximum("top_p", 1.0, v),
        _ => null,
    };

    static ApiError? RepetitionPenalty(double? value) => value switch
    {
        null => null,
        double v when double.IsNaN(v) || v <= 0 => ApiError.BelowMinimum("repetition_penalty", 0.0, v, inclusive: false),
        double v when v > 2 => ApiError.AboveMaximum("repetition_penalty", 2.0, v),
        _ => null,
    };

    static ApiError? Stops(StopSequences? stop)
    {
        if (stop is null)
            return null;
        if (stop.Values.Count > MaxStopSequences)
            return ApiError.ArrayTooLong("stop", MaxStopSequences, stop.Values.Count);
        for (var i = 0; i < stop.Values.Count; i++)
        {
            var param = stop.Values.Count == 1 ? "stop" : $"stop[{i}]";
            if (stop.Values[i].Length == 0)
                return ApiError.InvalidRequest(param, $"Invalid '{param}': stop sequences must not be empty strings.", "invalid_value");
        }
        return null;
    }

    static ApiError? LogitBias(Dictionary<string, double>? bias)
    {
        if (bias is null)
            return null;
        foreach (var (key, value) in bias)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                return ApiError.InvalidRequest("logit_bias", $"Invalid key '{key}' in 'logit_bias': keys must be token ids (non-negative integers).", "invalid_value");
            if (Between($"logit_bias.{key}", value, -100, 100) is { } error)
                return error;
        }
        return null;
    }

    /// <summary>stop_token_ids (vLLM): an array of non-negative integers (the model's vocabulary is checked where the model is known).</summary>
    public static ApiError? StopTokenIds(JsonElement? ids)
    {
        if (ids is not { } array)
            return null;
        if (array.ValueKind != JsonValueKind.Array)
            return ApiError.InvalidType("stop_token_ids", "an array of integers");
        var i = 0;
        foreach (var id in array.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var value))
                return ApiError.InvalidType($"stop_token_ids[{i}]", "an integer");
            if (value < 0)
                return ApiError.BelowMinimum($"stop_token_ids[{i}]", 0, value);
            i++;
        }
        return null;
    }
}
