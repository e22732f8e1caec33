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

/// <summary>`GET /health`: 200 `{"status":"ok"}`, or 503 with an error body while a served model is still loading.</summary>
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
        var statuses = await Task.WhenAll(api.Options.ServedModels.Select(m => api.Grains.GetGrain<IDeploymentGrain>(m).GetStatus()));
        var loading = statuses.Where(s => s.IsLoading).Select(s => s.Model).ToList();
        if (loading.Count > 0)
        {
            await http.WriteErrorAsync(PlatformErrors.From(PlatformRequestException.ModelUnavailable,
                $"Still loading: {string.Join(", ", loading)}.", null));
            return;
        }
        await http.WriteJsonAsync(new HealthResponse("ok"), PlatformJsonContext.Default.HealthResponse);
    }
}
