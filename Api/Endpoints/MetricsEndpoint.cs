using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Telemetry;
using Prometheus;

namespace Platform.Api.Endpoints;

/// <summary>
/// `GET /metrics`: the process's registry in Prometheus' text format 0.0.4 (what every Prometheus scrapes; the
/// OpenMetrics variant would rename our vLLM-named counters), with vLLM's `vllm:` names restored. Not behind the API key, as vLLM's is not: scrapers send
/// none, and the network policy is what keeps it private.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, HandleAsync);
        return routes;
    }

    static async Task HandleAsync(HttpContext http)
    {
        var registry = http.RequestServices.GetRequiredService<CollectorRegistry>();
        using var buffer = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(buffer, ExpositionFormat.PrometheusText, http.RequestAborted);
        var exposition = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        VllmNames.Restore(exposition.Span);
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await http.Response.Body.WriteAsync(exposition, http.RequestAborted);
    }
}
