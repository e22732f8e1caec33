using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Hosting;
using Platform.Api.OpenAI.Errors;
using Platform.Api.Tenants;
using Platform.Api.Wire;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Endpoints;

/// <summary>
/// `GET /v1/usage`: the calling tenant's limits and its usage this minute, UTC day and month. The tenant is the one
/// of the request's key, so no tenant can read another's; untracked tenants (the single `--api-key`) get a 400.
/// </summary>
public static class UsageEndpoint
{
    public const string Path = "/v1/usage";

    public static IEndpointRouteBuilder MapUsage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, HandleAsync);
        return routes;
    }

    static async Task HandleAsync(HttpContext http)
    {
        var tenant = http.Tenant();
        if (tenant.Limits is not { } limits)
        {
            await http.WriteErrorAsync(ApiError.InvalidRequest(null,
                "Usage is counted per tenant, for the keys of the server's --api-keys file; this request's key belongs to no such tenant.",
                "usage_not_tracked"));
            return;
        }
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        var report = await api.Grains.GetGrain<ITenantGrain>(tenant.Id).GetUsage();
        await http.WriteJsonAsync(UsageResponse.From(tenant.Id, limits, report), PlatformJsonContext.Default.UsageResponse);
    }
}
