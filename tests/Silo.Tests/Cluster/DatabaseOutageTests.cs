using System.Text.Json.Nodes;
using Platform.Silo.Tests.Cluster.Support;

namespace Platform.Silo.Tests.Cluster;

/// <summary>A serve process on a PostgreSQL of its own that the test stops and starts again, and what that database stores.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = PostgresFixture.Private();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task SessionMessagesWithAnyUnicode_IncludingNul_AreStoredAndReadBack()
    {
        await using var cluster = await PlatformCluster.StartAsync(_postgres.ConnectionString, count: 1, replicas: 1);
        using var client = cluster.Nodes[0].CreateClient();
        var session = $"nul-{Guid.NewGuid():N}";
        const string content = "nul\u0000 emoji 🐈 rtl שלום end";

        var (status, body) = await ClusterRequests.ChatAsync(client, content, 3, session);
        Assert.True(status == 200, body.ToJsonString());
        var (_, transcript) = await ClusterRequests.GetAsync(client, $"/v1/sessions/{session}");
        Assert.Equal(content, transcript["messages"]![0]!["content"]!.GetValue<string>());

        // A second process reads the same session from the database: it is not only in the first one's memory.
        await cluster.Nodes[0].DisposeAsync();
        await using var again = await PlatformCluster.StartAsync(_postgres.ConnectionString, count: 1, replicas: 1);
        using var second = again.Nodes[0].CreateClient();
        var (_, reread) = await ClusterRequests.GetAsync(second, $"/v1/sessions/{session}");
        Assert.Equal(content, reread["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal(200, (await ClusterRequests.ChatAsync(second, "next", 3, session)).Status);
    }

    [Fact]
    public async Task DatabaseDown_RequestsNeedingItGet503WithoutHostsOrSql_HealthSaysSo_AndServiceResumesWhenItReturns()
    {
        await using var cluster = await PlatformCluster.StartAsync(_postgres.ConnectionString, count: 1, replicas: 1);
        using var client = cluster.Nodes[0].CreateClient();
        var session = $"outage-{Guid.NewGuid():N}";
        Assert.Equal(200, (await ClusterRequests.ChatAsync(client, "before", 3, session)).Status);

        await _postgres.StopServerAsync();

        var (healthStatus, health) = await ClusterRequests.GetAsync(client, "/health");
        AssertUnavailable(healthStatus, health);
        var (turnStatus, turn) = await ClusterRequests.ChatAsync(client, "during", 3, session);
        AssertUnavailable(turnStatus, turn);
        var (newStatus, fresh) = await ClusterRequests.ChatAsync(client, "new session", 3, $"outage-new-{Guid.NewGuid():N}");
        AssertUnavailable(newStatus, fresh);
        // Stateless requests need no database.
        Assert.Equal(200, (await ClusterRequests.ChatAsync(client, "stateless", 3)).Status);

        await _postgres.StartServerAsync();

        await Eventually.True(async () => (await ClusterRequests.GetAsync(client, "/health")).Status == 200, "health recovers", timeoutSeconds: 30);
        var (after, body) = await ClusterRequests.ChatAsync(client, "after", 3, session);
        Assert.True(after == 200, body.ToJsonString());
        var (_, transcript) = await ClusterRequests.GetAsync(client, $"/v1/sessions/{session}");
        Assert.Equal(2, transcript["turns"]!.GetValue<int>());
    }

    private static void AssertUnavailable(int status, JsonNode body)
    {
        Assert.True(status == 503, body.ToJsonString());
        var message = body["error"]!["message"]!.GetValue<string>();
        Assert.DoesNotContain("127.0.0.1", message);
        Assert.DoesNotContain("SELECT", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", message);
        Assert.Equal("state_unavailable", body["error"]!["code"]!.GetValue<string>());
    }
}
