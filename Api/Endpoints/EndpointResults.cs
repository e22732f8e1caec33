using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Platform.Api.OpenAI.Errors;
using Platform.Api.Telemetry;

namespace Platform.Api.Endpoints;

/// <summary>Writes an endpoint's answer straight to the response: a JSON body or an error envelope.</summary>
internal static class EndpointResults
{
    public static Task WriteJsonAsync<T>(this HttpContext http, T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, typeInfo, statusCode: statusCode).ExecuteAsync(http);

    public static Task WriteErrorAsync(this HttpContext http, ApiError error)
    {
        if (http.Telemetry() is { } telemetry)
            telemetry.ErrorCode = RequestTelemetry.CodeOf(error);
        return error.ToResult().ExecuteAsync(http);
    }
}
