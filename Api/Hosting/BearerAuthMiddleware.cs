using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Api.Dashboard;
using Platform.Api.Endpoints;
using Platform.Api.OpenAI.Errors;
using Platform.Api.Tenants;

namespace Platform.Api.Hosting;

/// <summary>
/// When an API key or a key file is configured, answers 401 to any request but `/health` and `/metrics` without
/// `Authorization: Bearer {key}` for the single key (tenant `default`) or a key of the file (its tenant); the dashboards
/// take only the single key. HTTP Basic with the key as password is accepted too, and the dashboard's 401 asks for it, so a browser
/// prompts for the key instead of needing a header.
/// </summary>
internal sealed class BearerAuthMiddleware(RequestDelegate next, ApiOptions options)
{
    const string Bearer = "Bearer ";
    const string Basic = "Basic ";

    public Task InvokeAsync(HttpContext http)
    {
        // Load balancers probe health, and Prometheus scrapes, without credentials (as with vLLM).
        http.Features.Set(TenantIdentity.Default);
        var key = options.ApiKey is { Length: > 0 } single ? single : null;
        if ((key is null && options.TenantKeys is null) || http.Request.Path.Equals(HealthEndpoint.Path, StringComparison.Ordinal)
            || http.Request.Path.Equals(MetricsEndpoint.Path, StringComparison.Ordinal))
            return next(http);
        // The dashboards are the operator's: they show every model, session and tenant grain, so tenant keys do not open them.
        var dashboard = http.Request.Path.StartsWithSegments(DashboardEndpoints.Path, StringComparison.Ordinal);
        if (Presented(http.Request.Headers.Authorization.ToString()) is { } presented)
        {
            if (key is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key)))
                return next(http);
            if (!dashboard && options.TenantKeys?.Find(presented) is { } tenant)
            {
                http.Features.Set(tenant);
                return next(http);
            }
        }
        if (dashboard)
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Platform dashboard\", charset=\"UTF-8\"";
        return http.WriteErrorAsync(ApiError.InvalidApiKey());
    }

    /// <summary>The key a request presents: the bearer token, or the password of Basic credentials (any user name).</summary>
    static string? Presented(string header)
    {
        if (header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            return header[Bearer.Length..].Trim();
        if (!header.StartsWith(Basic, StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header[Basic.Length..].Trim()));
            var colon = credentials.IndexOf(':');
            return colon >= 0 ? credentials[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
