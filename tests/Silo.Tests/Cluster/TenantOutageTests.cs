using Npgsql;
using Platform.Api.Tenants;
using Platform.Silo.Tests.Cluster.Support;

namespace Platform.Silo.Tests.Cluster;

/// <summary>
/// Tenant admission during a database outage, on a serve process with a PostgreSQL of its own that the test stops and
/// starts; in the cluster collection so it never runs beside the other multi-process tests on this small machine.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantOutageTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = PostgresFixture.Private();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task DatabaseDown_AnActiveTenantIsStillAdmitted_ANewOneGets503WithoutInternals_AndTheCountsAreStoredWhenItReturns()
    {
        using var keys = new TenantKeyFile($$$"""
            {"tenants": {"busy": {"tokens_per_day": 100000}},
             "keys": [{"sha256": "{{{ApiKeyHash.Hex("sk-busy")}}}", "tenant": "busy"}, {"sha256": "{{{ApiKeyHash.Hex("sk-fresh")}}}", "tenant": "fresh"}]}
            """);
        var url = PlatformCluster.UrlOf(_postgres.ConnectionString);
        await using var node = await ClusterNode.StartAsync("serve", url, $"outage-{Guid.NewGuid():N}"[..16],
            [.. PlatformCluster.ModelFlags(replicas: 1), "--api-keys", keys.Path]);
        await node.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
        using var busy = TenantKeyFile.Client(node, "sk-busy");
        using var fresh = TenantKeyFile.Client(node, "sk-fresh");
        Assert.Equal(200, (await ClusterRequests.ChatAsync(busy, "before", 2)).Status);

        await _postgres.StopServerAsync();

        // Admission reads only the grain's memory: the active tenant is served, its usage kept for the next write.
        Assert.Equal(200, (await ClusterRequests.ChatAsync(busy, "during", 2)).Status);
        var (status, body) = await ClusterRequests.ChatAsync(fresh, "during", 2);
        Assert.True(status == 503, body.ToJsonString());
        Assert.Equal("state_unavailable", body["error"]!["code"]!.GetValue<string>());
        var message = body["error"]!["message"]!.GetValue<string>();
        Assert.DoesNotContain("127.0.0.1", message);
        Assert.DoesNotContain("Npgsql", message);

        await _postgres.StartServerAsync();
        var restarted = await DatabaseNowAsync();

        await Eventually.True(async () => await TenantKeyFile.StoredAtAsync(_postgres.ConnectionString, "busy") > restarted,
            "the usage kept during the outage is written once the database is back", timeoutSeconds: 30);
        var (_, usage) = await ClusterRequests.GetAsync(busy, "/v1/usage");
        Assert.Equal(2, usage["day"]!["requests"]!.GetValue<long>());
        await Eventually.True(async () => (await ClusterRequests.ChatAsync(fresh, "after", 2)).Status == 200, "the new tenant is admitted again",
            timeoutSeconds: 30);
    }

    private async Task<DateTime> DatabaseNowAsync()
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT now()", connection);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }
}
