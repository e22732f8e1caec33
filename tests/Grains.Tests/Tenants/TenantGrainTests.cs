using Platform.Grains.Interfaces.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Platform.Grains.Tenants;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Tenants;

/// <summary>The real tenant grain on a one-silo test cluster (memory storage): admissions, refusals, settlement and usage.</summary>
public class TenantGrainTests
{
    static ITenantGrain Tenant(GrainTestCluster cluster) => cluster.Client.GetGrain<ITenantGrain>($"t-{Guid.NewGuid():N}");

    [Fact]
    public async Task RequestsPerMinute_AdmitsUpToTheLimit_ThenRefusesWithARetryAfterWithinTheMinute()
    {
        await using var cluster = await GrainTestCluster.StartAsync([]);
        var tenant = Tenant(cluster);
        var limits = new TenantLimits(RequestsPerMinute: 2);

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var admitted = await tenant.Admit(limits);
            Assert.True(admitted.Admitted);
            await tenant.Settle(admitted.Lease, TenantTokens.Zero);
        }
        var refused = (await tenant.Admit(limits)).Refusal!;

        Assert.Equal(TenantRefusal.RateLimitExceeded, refused.Code);
        Assert.Equal("requests", refused.Type);
        Assert.Contains("requests per minute: Limit 2, Used 2", refused.Message);
        Assert.InRange(refused.RetryAfterSeconds, 1, 60);
        Assert.Equal(2, (await tenant.GetUsage()).RequestsLastMinute);
    }

    [Fact]
    public async Task ConcurrentRequests_AreLimitedByLeases_AndASettledRequestFreesItsSlot()
    {
        await using var cluster = await GrainTestCluster.StartAsync([]);
        var tenant = Tenant(cluster);
        var limits = new TenantLimits(MaxConcurrentRequests: 1);

        var first = await tenant.Admit(limits);
        var second = await tenant.Admit(limits);
        Assert.True(first.Admitted);
        Assert.Equal(TenantRefusal.RateLimitExceeded, second.Refusal!.Code);
        Assert.Contains("concurrent requests: Limit 1", second.Refusal.Message);
        Assert.Equal(1, (await tenant.GetUsage()).RunningRequests);
        Assert.True(await tenant.Renew(first.Lease));

        await tenant.Settle(first.Lease, TenantTokens.Zero);

        Assert.True((await tenant.Admit(limits)).Admitted);
        Assert.False(await tenant.Renew(first.Lease));
    }

    [Fact]
    public async Task ALeaseNeverSettled_AsAfterItsApiNodeCrashed_LapsesAndFreesItsSlot()
    {
        await using var cluster = await GrainTestCluster.StartAsync([],
            services: s => s.Configure<TenantGrainOptions>(o => o.LeaseDuration = TimeSpan.FromSeconds(1)));
        var tenant = Tenant(cluster);
        var limits = new TenantLimits(MaxConcurrentRequests: 1);

        var orphan = await tenant.Admit(limits);
        Assert.True(orphan.Admitted);
        Assert.False((await tenant.Admit(limits)).Admitted);

        await Eventually.True(async () => (await tenant.Admit(limits)).Admitted, "the orphaned slot came back after its lease");
        Assert.False(await tenant.Renew(orphan.Lease));
    }

    [Fact]
    public async Task TokensPerMinute_CountSettledTokens_AndRefuseOnceTheMinuteReachedTheLimit()
    {
        await using var cluster = await GrainTestCluster.StartAsync([]);
        var tenant = Tenant(cluster);
        var limits = new TenantLimits(TokensPerMinute: 100);

        var admitted = await tenant.Admit(limits);
        await tenant.Settle(admitted.Lease, new TenantTokens(80, 30, 40));
        var refused = (await tenant.Admit(limits)).Refusal!;

        Assert.Equal("tokens", refused.Type);
        Assert.Contains("tokens per minute: Limit 100, Used 120", refused.Message);
        Assert.Equal(120, (await tenant.GetUsage()).TokensLastMinute);
    }

    [Fact]
    public async Task ADailyBudget_SpentByRealUsage_RefusesWithInsufficientQuotaUntilTheNextUtcDay()
    {
        await using var cluster = await GrainTestCluster.StartAsync([]);
        var tenant = Tenant(cluster);
        var limits = new TenantLimits(TokensPerDay: 50, TokensPerMonth: 1_000);

        var admitted = await tenant.Admit(limits);
        await tenant.Settle(admitted.Lease, new TenantTokens(40, 10, 20));
        var refused = (await tenant.Admit(limits)).Refusal!;

        Assert.Equal(TenantRefusal.InsufficientQuota, refused.Code);
        Assert.Equal(TenantRefusal.InsufficientQuota, refused.Type);
        Assert.Contains("used 60 of its 50 tokens per day (UTC)", refused.Message);
        var usage = await tenant.GetUsage();
        Assert.InRange(refused.RetryAfterSeconds, 1, 86_400);
        Assert.Equal(TimeSpan.Zero, usage.Day.Start.TimeOfDay);
        Assert.Equal(usage.Day.Start.AddDays(1), usage.Day.End);
        Assert.Equal(new TenantTokens(40, 10, 20), usage.Day.Tokens);
        Assert.Equal(1, usage.Day.Requests);
        Assert.Equal(new TenantTokens(40, 10, 20), usage.Month.Tokens);
    }

    [Fact]
    public async Task Usage_IsGrainState_SoItOutlivesTheActivation()
    {
        await using var cluster = await GrainTestCluster.StartAsync([]);
        var tenant = Tenant(cluster);
        var admitted = await tenant.Admit(TenantLimits.None);
        await tenant.Settle(admitted.Lease, new TenantTokens(12, 0, 3));

        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await Eventually.True(async () => (await tenant.GetUsage()).Day.Tokens.Total == 15 && (await tenant.GetUsage()).RequestsLastMinute == 0,
            "a fresh activation read the stored usage (its minute window starts empty)");
        Assert.Equal(1, (await tenant.GetUsage()).Month.Requests);
    }
}
