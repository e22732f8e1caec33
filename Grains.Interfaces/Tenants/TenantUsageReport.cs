namespace Platform.Grains.Interfaces.Tenants;

/// <summary>A tenant's usage as `GET /v1/usage` shows it: this UTC day and month, the last minute, and requests running now.</summary>
[GenerateSerializer, Alias("platform.TenantUsageReport")]
public sealed record TenantUsageReport(
    [property: Id(0)] UsagePeriod Day,
    [property: Id(1)] UsagePeriod Month,
    [property: Id(2)] long RequestsLastMinute,
    [property: Id(3)] long TokensLastMinute,
    [property: Id(4)] int RunningRequests);
