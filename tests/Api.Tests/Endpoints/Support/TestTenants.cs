using Microsoft.AspNetCore.Builder;
using Platform.Api.Tenants;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>
/// Test-only tenancy: a middleware, added after authentication, that makes a request's tenant the value of
/// <see cref="Header"/>, so tests can speak as two tenants without per-tenant keys (production has no such path).
/// </summary>
public static class TestTenants
{
    public const string Header = "X-Test-Tenant";

    public static void UseTenantHeader(WebApplication app) => app.Use((http, next) =>
    {
        if (http.Request.Headers[Header].ToString() is { Length: > 0 } tenant)
            http.Features.Set(new TenantIdentity(tenant));
        return next(http);
    });

    public static Action<HttpRequestMessage> As(string tenant, Action<HttpRequestMessage>? more = null) => request =>
    {
        request.Headers.Add(Header, tenant);
        more?.Invoke(request);
    };
}
