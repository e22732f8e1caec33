namespace Platform.Grains.Interfaces.Tenants;

/// <summary>
/// One tenant's limits and usage, keyed by tenant id, so they hold across every API node of the cluster: each
/// generation request is admitted with one call and settled with its real tokens with another.
/// </summary>
[Alias("platform.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Admits a request under <paramref name="limits"/> (taking a concurrency slot and counting it), or says which limit refuses it.</summary>
    [Alias("Admit")]
    Task<TenantAdmission> Admit(TenantLimits limits);

    /// <summary>Extends a running request's lease, so its slot outlives <see cref="TenantAdmission.RenewEvery"/>; false when the lease had lapsed.</summary>
    [Alias("Renew")]
    Task<bool> Renew(Guid lease);

    /// <summary>Ends a request: frees its slot and counts the tokens it used toward the minute, day and month.</summary>
    [Alias("Settle")]
    Task Settle(Guid lease, TenantTokens used);

    /// <summary>The tenant's usage now.</summary>
    [Alias("GetUsage")]
    Task<TenantUsageReport> GetUsage();
}
