using Platform.Grains.Interfaces.Generation;
using Prometheus;

namespace Platform.Api.Telemetry;

/// <summary>
/// The HTTP front end's instruments (prefixed platform_): responses by route and status, streams that failed after
/// their 200, and 429 answers by reason. Only processes that serve the API export them.
/// </summary>
public sealed class HttpMetrics
{
    private readonly Counter _responses, _streamErrors, _rejections;

    public HttpMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _responses = factory.CreateCounter("platform_http_responses_total", "HTTP responses by route pattern, method and status code.", "route", "method", "status");
        _streamErrors = factory.CreateCounter("platform_stream_errors_total",
            "Event streams that started with 200 and then ended with an error event, by error code.", "route", "code");
        _rejections = factory.CreateCounter("platform_rate_limit_rejections_total", "Requests answered 429, by reason (the error code).", "reason");
        // The reasons there are, exported at zero so alerts and rates see a series before the first 429.
        _rejections.WithLabels(PlatformRequestException.QueueFull);
        _rejections.WithLabels(Grains.Interfaces.Tenants.TenantRefusal.RateLimitExceeded);
        _rejections.WithLabels(Grains.Interfaces.Tenants.TenantRefusal.InsufficientQuota);
    }

    /// <summary>Counts one finished response and, when its telemetry says so, its stream error or its rejection.</summary>
    public void Record(string route, string method, int status, RequestTelemetry telemetry)
    {
        _responses.WithLabels(route, method, StatusLabel(status)).Inc();
        if (telemetry.StreamErrorCode is { } code)
            _streamErrors.WithLabels(route, code).Inc();
        if (status == 429)
            _rejections.WithLabels(telemetry.ErrorCode ?? "unknown").Inc();
    }

    private static string StatusLabel(int status) => status is >= 100 and <= 599 ? StatusTexts[status - 100] : "other";

    // Label strings made once: a response must not allocate one per request.
    private static readonly string[] StatusTexts = Enumerable.Range(100, 500).Select(s => s.ToString()).ToArray();
}
