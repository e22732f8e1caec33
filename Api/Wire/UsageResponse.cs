using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Wire;

/// <summary>The answer of `GET /v1/usage`: the calling tenant's limits and usage (never another tenant's).</summary>
public sealed record UsageResponse(string Tenant, UsageLimits Limits, MinuteUsage Minute, int RunningRequests, PeriodUsage Day, PeriodUsage Month)
{
    public string Object => "usage";

    /// <summary>The response for <paramref name="tenant"/> from its grain's report.</summary>
    public static UsageResponse From(string tenant, TenantLimits limits, TenantUsageReport report) => new(
        tenant,
        new UsageLimits(limits.RequestsPerMinute, limits.MaxConcurrentRequests, limits.TokensPerMinute, limits.TokensPerDay, limits.TokensPerMonth),
        new MinuteUsage(report.RequestsLastMinute, report.TokensLastMinute),
        report.RunningRequests,
        PeriodUsage.From(report.Day, limits.TokensPerDay),
        PeriodUsage.From(report.Month, limits.TokensPerMonth));
}

/// <summary>A tenant's limits as the key file gives them; null is unlimited.</summary>
public sealed record UsageLimits(long? RequestsPerMinute, int? MaxConcurrentRequests, long? TokensPerMinute, long? TokensPerDay, long? TokensPerMonth);

/// <summary>Requests admitted and tokens settled within the last minute (what the per-minute limits count).</summary>
public sealed record MinuteUsage(long Requests, long Tokens);

/// <summary>One UTC day's or month's usage; `total_tokens` (prompt, cached included, plus completion) is what the budget counts.</summary>
public sealed record PeriodUsage(DateTimeOffset Start, DateTimeOffset End, long Requests, long PromptTokens, long CachedTokens,
    long CompletionTokens, long TotalTokens, long? Budget, long? Remaining)
{
    public static PeriodUsage From(UsagePeriod period, long? budget) => new(period.Start, period.End, period.Requests,
        period.Tokens.PromptTokens, period.Tokens.CachedTokens, period.Tokens.CompletionTokens, period.Tokens.Total,
        budget, budget is { } b ? Math.Max(0, b - period.Tokens.Total) : null);
}
