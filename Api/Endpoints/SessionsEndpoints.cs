using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Errors;
using Platform.Api.Hosting;
using Platform.Api.Tenants;
using Platform.Api.Wire;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Api.Endpoints;

/// <summary>`GET /v1/sessions/{id}` (the stored conversation) and `DELETE /v1/sessions/{id}`.</summary>
public static class SessionsEndpoints
{
    public const string Path = "/v1/sessions/{id}";

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, GetAsync);
        routes.MapDelete(Path, DeleteAsync);
        return routes;
    }

    static async Task GetAsync(HttpContext http, string id)
    {
        if (SessionIds.Refuse(id, "session_id") is { } invalid)
        {
            await http.WriteErrorAsync(invalid);
            return;
        }
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        var transcript = await api.Grains.GetGrain<ISessionGrain>(SessionKeys.For(http.Tenant().Id, id)).Get();
        if (transcript is null)
            await http.WriteErrorAsync(PlatformErrors.SessionNotFound(id));
        else
            await http.WriteJsonAsync(transcript with { SessionId = id }, PlatformJsonContext.Default.SessionTranscript);
    }

    static async Task DeleteAsync(HttpContext http, string id)
    {
        if (SessionIds.Refuse(id, "session_id") is { } invalid)
        {
            await http.WriteErrorAsync(invalid);
            return;
        }
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        if (await api.Grains.GetGrain<ISessionGrain>(SessionKeys.For(http.Tenant().Id, id)).Delete())
            await http.WriteJsonAsync(new SessionDeleted(id, true), PlatformJsonContext.Default.SessionDeleted);
        else
            await http.WriteErrorAsync(PlatformErrors.SessionNotFound(id));
    }
}
