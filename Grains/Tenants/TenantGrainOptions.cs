namespace Platform.Grains.Tenants;

/// <summary>How the tenant grain holds concurrency slots and stores usage.</summary>
public sealed class TenantGrainOptions
{
    /// <summary>How long a concurrency slot stays held without a renewal (an API node renews at a third of it).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often changed usage is written to grain storage; a silo crash loses at most this much counting.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(1);
}
