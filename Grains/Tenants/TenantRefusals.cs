using System.Globalization;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Grains.Tenants;

/// <summary>The refusals of the tenant grain, worded as OpenAI's: the limit by name, its value, what was used, when to retry.</summary>
internal static class TenantRefusals
{
    public static TenantRefusal RateLimit(string tenant, string type, string limit, long value, long used, int retryAfter) =>
        new(TenantRefusal.RateLimitExceeded, type,
            Invariant($"Rate limit reached for tenant '{tenant}' on {limit}: Limit {value}, Used {used}. Please try again in {retryAfter}s."),
            retryAfter);

    public static TenantRefusal Concurrency(string tenant, int value) =>
        new(TenantRefusal.RateLimitExceeded, "requests",
            Invariant($"Rate limit reached for tenant '{tenant}' on concurrent requests: Limit {value}, Running {value}. Please try again when one of them has finished."),
            1);

    public static TenantRefusal Quota(string tenant, string period, long value, UsagePeriod usage, DateTimeOffset now) =>
        new(TenantRefusal.InsufficientQuota, TenantRefusal.InsufficientQuota,
            Invariant($"You exceeded your current quota: tenant '{tenant}' used {usage.Tokens.Total} of its {value} tokens per {period} (UTC); the budget renews at {usage.End:yyyy-MM-ddTHH:mm:ssZ}."),
            (int)Math.Ceiling((usage.End - now).TotalSeconds));

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
