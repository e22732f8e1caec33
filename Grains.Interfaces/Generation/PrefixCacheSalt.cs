namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// The salt a job's prefix-cache hash chain starts from, computed alike by the router (its index keys) and the replica
/// (its cached blocks): the tenant plus the request's `cache_salt`, so one tenant's blocks never serve another; a model
/// whose cache is shared across tenants (`--shared-prefix-cache`) drops the tenant and keeps only `cache_salt`.
/// </summary>
public static class PrefixCacheSalt
{
    /// <summary>The longest `cache_salt` a request may send.</summary>
    public const int MaxLength = 1024;

    /// <summary>The salt of <paramref name="job"/>, or null for the model's plain chain (no tenant and no cache_salt, or shared without one).</summary>
    public static string? Of(GenerationJob job, bool sharedAcrossTenants)
    {
        var tenant = sharedAcrossTenants ? null : job.Tenant;
        if (tenant is null && job.CacheSalt is null)
            return null;
        // Length-prefixed parts: no tenant id and salt can spell another pair's salt.
        return $"t{tenant?.Length ?? -1}:{tenant}|s{job.CacheSalt?.Length ?? -1}:{job.CacheSalt}";
    }
}
