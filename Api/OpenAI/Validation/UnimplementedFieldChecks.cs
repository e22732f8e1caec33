using System.Text.Json;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.OpenAI.Validation;

/// <summary>Shape checks of OpenAI fields this server does not implement (response_format), then a refusal of any value that would need them.</summary>
internal static class UnimplementedFieldChecks
{
    /// <summary>response_format: a valid shape, and only the value that changes nothing.</summary>
    public static ApiError? CheckResponseFormat(JsonElement? responseFormat) => ResponseFormat(responseFormat);

    static ApiError? ResponseFormat(JsonElement? format)
    {
        if (format is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            return ApiError.InvalidType("response_format", "an object with a string 'type'");
        return type.GetString() switch
        {
            "text" => null,
            "json_object" or "json_schema" => ApiError.Unsupported("response_format", "structured output is not implemented; only {'type': 'text'} is accepted"),
            var other => ApiError.InvalidValue("response_format.type", other!, ["text", "json_object", "json_schema"]),
        };
    }

}
