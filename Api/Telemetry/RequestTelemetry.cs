using Microsoft.AspNetCore.Http;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Responses;

namespace Platform.Api.Telemetry;

/// <summary>What an endpoint tells the access log and the HTTP metrics about its request: the tokens it used and the error it answered.</summary>
public sealed class RequestTelemetry
{
    /// <summary>Prompt, completion and cached prompt tokens of a generation, once known.</summary>
    public CompletionUsage? Usage { get; set; }

    /// <summary>The code (or type) of the error envelope the response carried.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The code of the error event that ended a stream after its 200.</summary>
    public string? StreamErrorCode { get; set; }

    /// <summary>The request's `user` field (OpenAI's end-user id), for the access log and audit; never used to serve.</summary>
    public string? EndUser { get; private set; }

    /// <summary>The request's `safety_identifier` (OpenAI's hashed end-user id), for the access log and audit; never used to serve.</summary>
    public string? SafetyIdentifier { get; private set; }

    /// <summary>Records who the client says the request is for (both may be null).</summary>
    public void RecordEndUser(string? user, string? safetyIdentifier)
    {
        EndUser = user;
        SafetyIdentifier = safetyIdentifier;
    }

    /// <summary>The served model the request named, once its body is validated.</summary>
    public string? Model { get; set; }

    /// <summary>The id of the response the client got (`chatcmpl-…`), for a generation.</summary>
    public string? ResponseId { get; set; }

    internal static string CodeOf(ApiError error) => error.Code ?? error.Type;
}

/// <summary>Reaches the request's <see cref="RequestTelemetry"/> (absent when the middleware is not in the pipeline, as in some tests).</summary>
public static class RequestTelemetryExtensions
{
    public static RequestTelemetry? Telemetry(this HttpContext http) => http.Features.Get<RequestTelemetry>();
}
