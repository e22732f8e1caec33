using System.Globalization;

namespace Platform.Api.OpenAI.Errors;

/// <summary>An error as OpenAI reports it: an HTTP status plus `{"error":{"message","type","param","code"}}`.</summary>
/// <param name="StatusCode">The HTTP status to answer with.</param>
/// <param name="Message">What went wrong and why, for a human.</param>
/// <param name="Type">OpenAI's error class, e.g. `invalid_request_error`.</param>
/// <param name="Param">The request field at fault (`messages[1].role`), or null.</param>
/// <param name="Code">A machine-readable code, e.g. `integer_below_min_value`, or null.</param>
public sealed record ApiError(int StatusCode, string Message, string Type, string? Param, string? Code)
{
    public const string InvalidRequestType = "invalid_request_error";

    /// <summary>400: the request is wrong in a way the message explains.</summary>
    public static ApiError InvalidRequest(string? param, string message, string? code = null) =>
        new(400, message, InvalidRequestType, param, code);

    /// <summary>400: the body is not JSON at all.</summary>
    public static ApiError MalformedJson(string reason) =>
        InvalidRequest(null, $"We could not parse the JSON body of your request: {reason}. The API expects a JSON object.");

    /// <summary>400: a required field is absent.</summary>
    public static ApiError Missing(string param) =>
        InvalidRequest(param, $"Missing required parameter: '{param}'.", "missing_required_parameter");

    /// <summary>400: a field has the wrong JSON type.</summary>
    public static ApiError InvalidType(string param, string expected) =>
        InvalidRequest(param, $"Invalid type for '{param}': expected {expected}.", "invalid_type");

    /// <summary>400: a field has a value outside its allowed set.</summary>
    public static ApiError InvalidValue(string param, string value, IEnumerable<string> supported) =>
        InvalidRequest(param, $"Invalid value: '{value}'. Supported values are: {string.Join(", ", supported.Select(s => $"'{s}'"))}.", "invalid_value");

    /// <summary>400: an integer is below its minimum.</summary>
    public static ApiError BelowMinimum(string param, long minimum, long actual) =>
        OutOfRange(param, "integer", "below minimum", $">= {minimum}", actual.ToString(CultureInfo.InvariantCulture));

    /// <summary>400: an integer is above its maximum.</summary>
    public static ApiError AboveMaximum(string param, long maximum, long actual) =>
        OutOfRange(param, "integer", "above maximum", $"<= {maximum}", actual.ToString(CultureInfo.InvariantCulture));

    /// <summary>400: a decimal is below its minimum (or at it, when the bound is exclusive).</summary>
    public static ApiError BelowMinimum(string param, double minimum, double actual, bool inclusive = true) =>
        OutOfRange(param, "decimal", "below minimum", $"{(inclusive ? ">=" : ">")} {Format(minimum)}", Format(actual));

    /// <summary>400: a decimal is above its maximum.</summary>
    public static ApiError AboveMaximum(string param, double maximum, double actual) =>
        OutOfRange(param, "decimal", "above maximum", $"<= {Format(maximum)}", Format(actual));

    /// <summary>400: an array is empty where at least one entry is needed.</summary>
    public static ApiError EmptyArray(string param) =>
        InvalidRequest(param, $"Invalid '{param}': empty array. Expected an array with minimum length 1, but got an empty array instead.", "empty_array");

    /// <summary>400: an array has too many entries.</summary>
    public static ApiError ArrayTooLong(string param, int maximum, int actual) =>
        InvalidRequest(param, $"Invalid '{param}': array too long. Expected an array with maximum length {maximum}, but got an array with length {actual} instead.", "array_above_max_length");

    /// <summary>400: a valid OpenAI feature this server does not implement.</summary>
    public static ApiError Unsupported(string param, string why) =>
        InvalidRequest(param, $"'{param}' is not supported by this server: {why}.", "unsupported_parameter");

    /// <summary>413: the body is over the one limit the app and Kestrel share.</summary>
    public static ApiError RequestTooLarge(long maxBytes) =>
        new(413, $"The request body is larger than {maxBytes} bytes.", InvalidRequestType, null, "request_too_large");

    /// <summary>404: no deployment serves the requested model.</summary>
    public static ApiError ModelNotFound(string model) =>
        new(404, $"The model '{model}' does not exist or is not deployed.", InvalidRequestType, "model", "model_not_found");

    /// <summary>401: the bearer token is missing or wrong.</summary>
    public static ApiError InvalidApiKey() =>
        new(401, "Incorrect or missing API key: send it as 'Authorization: Bearer <key>'.", InvalidRequestType, null, "invalid_api_key");

    /// <summary>503: the server cannot take more work right now; the client should retry later.</summary>
    public static ApiError Overloaded(string why) =>
        new(503, $"The server is overloaded: {why}. Please retry later.", "server_error", null, "overloaded");

    /// <summary>500: an unexpected failure inside the server.</summary>
    public static ApiError Internal(string message) => new(500, message, "server_error", null, null);

    static ApiError OutOfRange(string param, string kind, string direction, string expected, string actual) =>
        InvalidRequest(param, $"Invalid '{param}': {kind} {direction} value. Expected a value {expected}, but got {actual} instead.",
            $"{kind}_{direction.Replace("imum", "", StringComparison.Ordinal).Replace(' ', '_')}_value");

    static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
