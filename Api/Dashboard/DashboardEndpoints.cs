using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Endpoints;
using Platform.Api.Errors;

namespace Platform.Api.Dashboard;

/// <summary>
/// `GET /dashboard`: the operator's page, its script and style (embedded in this assembly: no CDN, no files beside the
/// binary), and `GET /dashboard/data`, the JSON it polls.
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, http => WriteAssetAsync(http, "index.html"));
        routes.MapGet(Path + "/data", async http =>
        {
            var data = await http.RequestServices.GetRequiredService<DashboardSampler>().GetAsync(http.RequestAborted);
            http.Response.Headers.CacheControl = "no-store";
            await Results.Json(data, DashboardJsonContext.Default.DashboardData).ExecuteAsync(http);
        });
        routes.MapGet(Path + "/{file:regex(^[a-z-]+\\.(js|css)$)}", (HttpContext http, string file) => WriteAssetAsync(http, file));
        return routes;
    }

    private static async Task WriteAssetAsync(HttpContext http, string file)
    {
        await using var asset = Assembly.GetExecutingAssembly().GetManifestResourceStream("dashboard/" + file);
        if (asset is null)
        {
            await http.WriteErrorAsync(PlatformErrors.UnknownRoute(http.Request.Method, http.Request.Path));
            return;
        }
        http.Response.ContentType = System.IO.Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        // The page reads nothing from elsewhere, and nothing else may frame or script it.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
        await asset.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
