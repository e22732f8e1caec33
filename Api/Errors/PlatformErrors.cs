using Platform.Api.OpenAI.Errors;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Errors;

/// <summary>Maps the platform's refusal codes (from grain calls and generation error chunks) to OpenAI errors with their HTTP statuses.</summary>
public static class PlatformErrors
{
    public const string ServerErrorType = "server_error";
    public const string RateLimitType = "rate_limit_error";

    /// <summary>The error for a request a grain refused.</summary>
    public static ApiError From(PlatformRequestException exception) => From(exception.Code, exception.Message, exception.Param);

    /// <summary>The error for a generation that failed after it started.</summary>
    public static ApiError From(GenerationError error) => From(error.Code, error.Message, null);

    /// <summary>The error for <paramref name="code"/>; codes this API does not know are server errors.</summary>
    public static ApiError From(string code, string message, string? param) => code switch
    {
        PlatformRequestException.ContextLengthExceeded or PlatformRequestException.InvalidValue =>
            new ApiError(400, message, ApiError.InvalidRequestType, param, code),
        PlatformRequestException.ModelNotFound => new ApiError(404, message, ApiError.InvalidRequestType, param ?? "model", code),
        PlatformRequestException.QueueFull => new ApiError(429, message, RateLimitType, param, code),
        PlatformRequestException.ModelUnavailable or PlatformRequestException.ModelLoading or PlatformRequestException.StateUnavailable
            or PlatformRequestException.ReplicaDraining =>
            new ApiError(503, message, ServerErrorType, param, code),
        PlatformRequestException.ResponseNotFound => new ApiError(404, message, ApiError.InvalidRequestType, param, code),
        PlatformRequestException.SessionBusy => new ApiError(409, message, ApiError.InvalidRequestType, param, code),
        _ => new ApiError(500, message, ServerErrorType, param, code),
    };

    /// <summary>404 for a route nothing serves.</summary>
    public static ApiError UnknownRoute(string method, string path) =>
        new(404, $"Unknown request URL: {method} {path}. Please check the URL for typos.", ApiError.InvalidRequestType, null, "unknown_url");

    /// <summary>405 for a known route asked with the wrong method.</summary>
    public static ApiError WrongMethod(string method, string path) =>
        new(405, $"Method {method} is not allowed for {path}.", ApiError.InvalidRequestType, null, "method_not_allowed");

    /// <summary>404 for a session id with no stored conversation.</summary>
    public static ApiError SessionNotFound(string sessionId) =>
        new(404, $"No session '{sessionId}' exists.", ApiError.InvalidRequestType, "session_id", "session_not_found");

    /// <summary>404 for a response id with no stored response of this tenant (never stored, `store: false`, deleted, or another tenant's).</summary>
    public static ApiError ResponseNotFound(string responseId) =>
        From(PlatformRequestException.ResponseNotFound, $"Response with id '{responseId}' not found.", "response_id");

    /// <summary>504 when a grain did not answer in time.</summary>
    public static ApiError Timeout(string message) => new(504, message, ServerErrorType, null, "timeout");
}
