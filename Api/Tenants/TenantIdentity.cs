using Microsoft.AspNetCore.Http;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Tenants;

/// <summary>
/// The tenant a request is made for: the owner of its API key, or <see cref="Default"/> when keys are not per tenant.
/// <see cref="Limits"/> is set for tenants of the `--api-keys` file, whose requests are admitted and counted by their tenant grain.
/// </summary>
public sealed record TenantIdentity(string Id, TenantLimits? Limits = null)
{
    /// <summary>The tenant id of requests under the single `--api-key`, or without any key.</summary>
    public const string DefaultId = "default";

    /// <summary>The tenant of requests under the single `--api-key`, or without any key.</summary>
    public static readonly TenantIdentity Default = new(DefaultId);

    /// <summary>Whether the tenant's requests go through its tenant grain (limits, budgets, usage).</summary>
    public bool IsTracked => Limits is not null;
}

/// <summary>Reaches the tenant the authentication middleware found for a request.</summary>
public static class TenantIdentityExtensions
{
    /// <summary>The request's tenant; <see cref="TenantIdentity.Default"/> before authentication has run (as in some tests).</summary>
    public static TenantIdentity Tenant(this HttpContext http) => http.Features.Get<TenantIdentity>() ?? TenantIdentity.Default;
}
