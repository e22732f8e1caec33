using Platform.Grains.Interfaces.Tenants;

namespace Platform.Grains.Tenants;

/// <summary>A tenant's stored usage: its current UTC day and month (older periods are not kept).</summary>
[GenerateSerializer, Alias("platform.TenantUsageState")]
public sealed class TenantUsageState
{
    [Id(0)]
    public UsagePeriod? Day { get; set; }

    [Id(1)]
    public UsagePeriod? Month { get; set; }

    /// <summary>Starts a new day or month when <paramref name="now"/> has left the stored one.</summary>
    public void Roll(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        if (Day is null || Day.Start != day)
            Day = new UsagePeriod(day, day.AddDays(1), 0, TenantTokens.Zero);
        var month = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        if (Month is null || Month.Start != month)
            Month = new UsagePeriod(month, month.AddMonths(1), 0, TenantTokens.Zero);
    }
}
