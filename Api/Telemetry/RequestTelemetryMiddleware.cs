using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Platform.Api.Hosting;

namespace Platform.Api.Telemetry;

/// <summary>
/// Outermost middleware: times each request, counts its response in <see cref="HttpMetrics"/> and writes one access-log
/// line (method, path, route, status, tokens, duration; never prompt or completion text) unless the log is off.
/// </summary>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, HttpMetrics metrics, ApiOptions options, ILoggerFactory loggers)
{
    private readonly ILogger _access = loggers.CreateLogger("Platform.Api.Access");

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var telemetry = new RequestTelemetry();
        http.Features.Set(telemetry);
        try
        {
            await next(http);
        }
        finally
        {
            // Unmatched paths share one label: a scanner must not mint a series per URL it tries.
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted ? 499 : http.Response.StatusCode;
            metrics.Record(route, http.Request.Method, status, telemetry);
            if (options.AccessLog && _access.IsEnabled(LogLevel.Information))
                Log(http, route, status, telemetry, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Log(HttpContext http, string route, int status, RequestTelemetry telemetry, TimeSpan elapsed)
    {
        var usage = telemetry.Usage;
        _access.LogInformation("{Method} {Path} route={Route} status={Status} prompt_tokens={PromptTokens} completion_tokens={CompletionTokens} cached_tokens={CachedTokens} error={Error} user={User} safety_identifier={SafetyIdentifier} duration_ms={DurationMs:F1}",
            http.Request.Method, http.Request.Path.Value, route, status, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0,
            usage?.PromptTokensDetails?.CachedTokens ?? 0, telemetry.StreamErrorCode ?? telemetry.ErrorCode ?? "-",
            OneLine(telemetry.EndUser), OneLine(telemetry.SafetyIdentifier), elapsed.TotalMilliseconds);
    }

    // Client-chosen ids must not break the one-line-per-request format (a newline would forge a second line).
    private static string OneLine(string? value) =>
        value is null ? "-" : value.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 && !value.Contains('\u007f') ? value
            : string.Create(value.Length, value, (span, text) =>
            {
                for (var i = 0; i < text.Length; i++)
                    span[i] = char.IsControl(text[i]) ? '?' : text[i];
            });
}
