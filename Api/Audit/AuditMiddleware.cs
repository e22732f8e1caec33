using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Platform.Api.Dashboard;
using Platform.Api.Endpoints;
using Platform.Api.OpenAI.Errors;
using Platform.Api.Telemetry;
using Platform.Api.Tenants;

namespace Platform.Api.Audit;

/// <summary>
/// Gives every API call its audit record, errors and disconnects included: takes a place in the audit queue when the call
/// arrives (503 in OpenAI's envelope when there is none: the log fails closed) and submits the record when the response
/// has ended, streams at their last event. Probes, scrapes and the dashboard are not API calls and are neither audited
/// nor refused.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditLog log, AuditMetrics metrics, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.Equals(HealthEndpoint.Path, StringComparison.Ordinal) || path.Equals(MetricsEndpoint.Path, StringComparison.Ordinal)
            || path.StartsWithSegments(DashboardEndpoints.Path, StringComparison.Ordinal))
        {
            await next(http);
            return;
        }
        if (!log.TryReserve())
        {
            metrics.Refused();
            http.Response.Headers.RetryAfter = "1";
            await http.WriteErrorAsync(Unavailable(log.IsFailing));
            return;
        }
        var time = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var content = log.Options.Content ? new AuditContent() : null;
        if (content is not null)
            http.Features.Set(content);
        try
        {
            await next(http);
        }
        finally
        {
            var record = RecordOf(http, time, Stopwatch.GetElapsedTime(started), content);
            // Only a handler still running after the web server gave up on it at shutdown gets here.
            if (!log.Submit(record))
                logger.LogError("The audit record of {Method} {Route} ({RequestId}) came after the audit log closed at shutdown and is lost",
                    record.Method, record.Route, record.RequestId);
        }
    }

    private AuditRecord RecordOf(HttpContext http, DateTimeOffset time, TimeSpan elapsed, AuditContent? content)
    {
        var telemetry = http.Telemetry();
        var usage = telemetry?.Usage;
        int prompt = usage?.PromptTokens ?? 0, cached = usage?.PromptTokensDetails?.CachedTokens ?? 0, completion = usage?.CompletionTokens ?? 0;
        var aborted = http.RequestAborted.IsCancellationRequested;
        return new AuditRecord
        {
            Id = Guid.CreateVersion7(time),
            Time = time,
            RequestId = telemetry?.ResponseId ?? http.TraceIdentifier,
            Tenant = http.Tenant().Id,
            Model = telemetry?.Model,
            Route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched",
            Method = http.Request.Method,
            Status = aborted && !http.Response.HasStarted ? 499 : http.Response.StatusCode,
            ClientDisconnected = aborted,
            Error = telemetry?.StreamErrorCode ?? telemetry?.ErrorCode,
            PromptTokens = prompt,
            CachedTokens = cached,
            CompletionTokens = completion,
            LatencyMs = elapsed.TotalMilliseconds,
            Cost = log.Options.Prices.CostOf(telemetry?.Model, prompt, cached, completion),
            EndUser = telemetry?.EndUser,
            SafetyIdentifier = telemetry?.SafetyIdentifier,
            Content = content is { IsEmpty: false } ? content : null,
        };
    }

    private static ApiError Unavailable(bool failing) => new(503,
        failing
            ? "The audit log cannot be written right now and its queue is full; calls are refused until it recovers. Please retry later."
            : "The audit log is behind and its queue is full. Please retry later.",
        "server_error", null, "audit_unavailable");
}
