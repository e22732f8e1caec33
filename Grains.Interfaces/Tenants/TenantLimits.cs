namespace Platform.Grains.Interfaces.Tenants;

/// <summary>
/// A tenant's limits from the API key file; null means unlimited. The API node sends them with each call, so the
/// tenant grain needs no copy of the file and a restarted node with an edited file applies the new limits at once.
/// </summary>
[GenerateSerializer, Alias("platform.TenantLimits")]
public sealed record TenantLimits(
    [property: Id(0)] long? RequestsPerMinute = null,
    [property: Id(1)] int? MaxConcurrentRequests = null,
    [property: Id(2)] long? TokensPerMinute = null,
    [property: Id(3)] long? TokensPerDay = null,
    [property: Id(4)] long? TokensPerMonth = null)
{
    /// <summary>No limit at all (usage is still counted).</summary>
    public static readonly TenantLimits None = new();
}
