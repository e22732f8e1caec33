using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.Api.Endpoints;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.Hosting;

/// <summary>When an API key is configured, answers 401 to any request but `/health` without `Authorization: Bearer {key}`.</summary>
internal sealed class BearerAuthMiddleware(RequestDelegate next, ApiOptions options)
{
    const string Scheme = "Bearer ";

    public Task InvokeAsync(HttpContext http)
    {
        // Load balancers probe health without credentials.
        if (options.ApiKey is not { Length: > 0 } key || http.Request.Path.Equals(HealthEndpoint.Path, StringComparison.Ordinal))
            return next(http);
        var header = http.Request.Headers.Authorization.ToString();
        var authorized = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(key));
        return authorized ? next(http) : http.WriteErrorAsync(ApiError.InvalidApiKey());
    }
}
