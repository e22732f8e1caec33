using Platform.Api.Tenants;
using Platform.Silo.Tests.Cluster.Support;

namespace Platform.Silo.Tests.Cluster;

/// <summary>A tenant's limits are counted in its grain, not per process: they hold across the API nodes of a cluster.</summary>
[Collection(ClusterCollection.Name)]
public class TenantClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ATenantsRequestsPerMinute_HoldAcrossTwoApiNodes_TheFourthRequestIsRefusedWhicheverNodeItReaches()
    {
        var tenant = $"acme-{Guid.NewGuid():N}"[..13];
        using var keys = new TenantKeyFile($$$"""
            {"tenants": {"{{{tenant}}}": {"requests_per_minute": 3}}, "keys": [{"sha256": "{{{ApiKeyHash.Hex("sk-acme")}}}", "tenant": "{{{tenant}}}"}]}
            """);
        var url = PlatformCluster.UrlOf(postgres.ConnectionString);
        var clusterId = $"tenant-{Guid.NewGuid():N}"[..16];
        await using var nodeA = await ClusterNode.StartAsync("serve", url, clusterId, [.. PlatformCluster.ModelFlags(replicas: 1), "--api-keys", keys.Path]);
        await using var nodeB = await ClusterNode.StartAsync("api", url, clusterId, "--api-keys", keys.Path);
        await nodeA.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
        using var a = TenantKeyFile.Client(nodeA, "sk-acme");
        using var b = TenantKeyFile.Client(nodeB, "sk-acme");
        await Eventually.True(async () => (await ClusterRequests.GetAsync(b, "/v1/models")).Body["data"]?.AsArray().Count == 1,
            "the API node lists the served model");

        Assert.Equal(200, (await ClusterRequests.ChatAsync(a, "Hi", maxTokens: 1)).Status);
        Assert.Equal(200, (await ClusterRequests.ChatAsync(a, "Hi", maxTokens: 1)).Status);
        Assert.Equal(200, (await ClusterRequests.ChatAsync(b, "Hi", maxTokens: 1)).Status);
        var (status, body) = await ClusterRequests.ChatAsync(b, "Hi", maxTokens: 1);

        Assert.Equal(429, status);
        Assert.Equal("rate_limit_exceeded", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains("requests per minute: Limit 3, Used 3", body["error"]!["message"]!.GetValue<string>());
        Assert.Equal(429, (await ClusterRequests.ChatAsync(a, "Hi", maxTokens: 1)).Status);
        // Both nodes read the one tenant grain: the same count, whichever is asked.
        var (_, usageA) = await ClusterRequests.GetAsync(a, "/v1/usage");
        var (_, usageB) = await ClusterRequests.GetAsync(b, "/v1/usage");
        Assert.Equal(3, usageA["minute"]!["requests"]!.GetValue<long>());
        Assert.Equal(usageA["day"]!.ToJsonString(), usageB["day"]!.ToJsonString());
        Assert.Equal(3, usageB["day"]!["requests"]!.GetValue<long>());
        // The day's usage is grain state in the cluster's PostgreSQL (written within the persist interval).
        await Eventually.True(async () => await TenantKeyFile.StoredAtAsync(postgres.ConnectionString, tenant) is not null,
            "the tenant's usage row is in platform_grain_state");
    }
}
