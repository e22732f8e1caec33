using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Errors;
using Platform.Api.Hosting;
using Platform.Api.Wire;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Endpoints;

/// <summary>
/// `GET /health`: 200 `{"status":"ok"}`; 503 with an error body while a dependency (the cluster's database) is
/// unreachable or a served model is still loading.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, HandleAsync);
        return routes;
    }

    static async Task HandleAsync(HttpContext http)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        foreach (var check in http.RequestServices.GetServices<IDependencyCheck>())
        {
            if (await check.CheckAsync(http.RequestAborted) is { } problem)
            {
                await http.WriteErrorAsync(PlatformErrors.From(PlatformRequestException.StateUnavailable, problem, null));
                return;
            }
        }
        var statuses = await Task.WhenAll(api.Options.ServedModels.Select(m => api.Grains.GetGrain<IDeploymentGrain>(m).GetStatus()));
        var loading = statuses.Where(s => s.IsLoading).Select(s => s.Model).ToList();
        if (loading.Count > 0)
        {
            await http.WriteErrorAsync(PlatformErrors.From(PlatformRequestException.ModelLoading, $"Still loading: {string.Join(", ", loading)}.", null));
            return;
        }
        await http.WriteJsonAsync(new HealthResponse("ok"), PlatformJsonContext.Default.HealthResponse);
    }
}
