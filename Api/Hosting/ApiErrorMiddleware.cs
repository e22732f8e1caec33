using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.Api.Endpoints;
using Platform.Api.Errors;
using Platform.Api.Hosting.Rejections;
using Platform.Api.OpenAI.Errors;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Hosting;

/// <summary>
/// Makes every failure an OpenAI error envelope: grain refusals by their code, an unreachable silo or state store as
/// 503, a grain that did not answer as 504, anything else as a logged 500; unknown routes as 404 and wrong methods as 405.
/// A client that disconnected is not answered.
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            var error = ErrorFor(e, http);
            if (error.StatusCode >= 500)
                logger.LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            if (http.Response.HasStarted)
                return;
            http.Response.Clear();
            await http.WriteErrorAsync(error);
            return;
        }
        if (http.Response.HasStarted)
            return;
        // Routing ends with an empty 404 when nothing matched, and an empty 405 when only the method was wrong.
        if (http.Response.StatusCode == StatusCodes.Status404NotFound && http.GetEndpoint() is null)
            await http.WriteErrorAsync(PlatformErrors.UnknownRoute(http.Request.Method, http.Request.Path));
        else if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            await http.WriteErrorAsync(PlatformErrors.WrongMethod(http.Request.Method, http.Request.Path));
    }

    static ApiError ErrorFor(Exception e, HttpContext http) => e switch
    {
        // Kestrel enforces the same limit (set from ApiOptions); its 413 must read like the app's own.
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            ApiError.RequestTooLarge(http.RequestServices.GetRequiredService<ApiOptions>().MaxRequestBodyBytes),
        PlatformRequestException refused => PlatformErrors.From(refused),
        // Kestrel's text names its own setting (MinRequestBodyDataRate); say what happened instead.
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => RejectionErrors.RequestTimeout(),
        BadHttpRequestException bad => new ApiError(bad.StatusCode, bad.Message, ApiError.InvalidRequestType, null, null),
        TimeoutException => PlatformErrors.Timeout("The cluster did not answer in time; retry."),
        _ when ReplicaFailures.IsUnreachable(e) => PlatformErrors.From(PlatformRequestException.ModelUnavailable,
            "The silo serving this request is unavailable; retry.", null),
        _ when StateStoreFailures.IsStateStore(e) => PlatformErrors.From(PlatformRequestException.StateUnavailable,
            "Grain state is unavailable: the cluster's database cannot be reached; retry later.", null),
        _ => ApiError.Internal($"The server failed to handle the request ({e.GetType().Name})."),
    };
}
