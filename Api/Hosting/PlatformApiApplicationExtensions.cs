using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Audit;
using Platform.Api.Dashboard;
using Platform.Api.Endpoints;
using Platform.Api.Telemetry;

namespace Platform.Api.Hosting;

/// <summary>Maps the API's endpoints behind the error envelope and the optional bearer check.</summary>
public static class PlatformApiApplicationExtensions
{
    /// <summary>Adds the whole OpenAI-compatible API to <paramref name="app"/>; call once, after <see cref="PlatformApiServiceCollectionExtensions.AddPlatformApi"/>.</summary>
    public static WebApplication MapPlatformApi(this WebApplication app)
    {
        app.UseMiddleware<RequestTelemetryMiddleware>();
        // Inside the telemetry (which sees its 503s) and around the error envelope, so every record has the final status.
        if (app.Services.GetService<AuditLog>() is not null)
            app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<BearerAuthMiddleware>();
        app.MapMetrics();
        app.MapChatCompletions();
        app.MapCompletions();
        app.MapModels();
        app.MapHealth();
        app.MapTokenizer();
        app.MapSessions();
        app.MapUsage();
        app.MapResponses();
        app.MapDashboard();
        return app;
    }

    /// <summary>Adds only `/health` and `/metrics` (its replicas' figures), for a silo process that serves no public API.</summary>
    public static WebApplication MapPlatformHealth(this WebApplication app)
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        app.MapHealth();
        app.MapMetrics();
        return app;
    }
}
