using Platform.Silo.Tests.Cluster.Support;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public class ClusterServingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ThreeServeProcesses_FormOneCluster_AndEveryApiPortServesTheModel_ToTheOfficialClientToo()
    {
        await using var cluster = await PlatformCluster.StartAsync(postgres.ConnectionString, count: 3, replicas: 3);

        foreach (var node in cluster.Nodes)
        {
            using var client = node.CreateClient();
            var (status, body) = await ClusterRequests.ChatAsync(client, "Hello there", maxTokens: 4);
            Assert.True(status == 200, body.ToJsonString());
            Assert.Equal(4, body["usage"]!["completion_tokens"]!.GetValue<int>());
        }
        using var first = cluster.Nodes[0].CreateClient();
        var replicas = await ClusterRequests.ReplicasAsync(first);
        Assert.Equal(["qwen/0", "qwen/1", "qwen/2"], replicas.Select(r => r.Id));
        Assert.All(replicas, r => Assert.Equal("ready", r.State));
        Assert.All(replicas, r => Assert.NotNull(cluster.NodeOf(r.Silo)));
        Assert.True(replicas.Select(r => r.Silo).Distinct().Count() >= 2, "silos starting together each take a replica");

        var check = await OpenAINodeCheck.RunAsync(cluster.Nodes[2].Address.ToString().TrimEnd('/'));
        Assert.Equal([PlatformCluster.Model], check["models"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(8, check["completion"]!["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task ApiNode_WithNoEngines_ServesTheModelsOfASiloNode_AndEachExportsOnlyWhatItOwns()
    {
        var url = PlatformCluster.UrlOf(postgres.ConnectionString);
        var clusterId = $"api-{Guid.NewGuid():N}"[..16];
        await using var silo = await ClusterNode.StartAsync("silo", url, clusterId, PlatformCluster.ModelFlags(replicas: 1));
        await using var api = await ClusterNode.StartAsync("api", url, clusterId);
        await silo.WaitUntilHealthyAsync(TimeSpan.FromMinutes(1));

        using var client = api.CreateClient();
        // The API node learns the served models from the cluster's registry, within a refresh or two.
        await Eventually.True(async () => (await ClusterRequests.GetAsync(client, "/v1/models")).Body["data"]!.AsArray().Count == 1,
            "the API node lists the silo's model");
        var (status, body) = await ClusterRequests.ChatAsync(client, "Hi", maxTokens: 3);
        Assert.True(status == 200, body.ToJsonString());
        using var siloClient = silo.CreateClient();
        var (siloStatus, siloBody) = await ClusterRequests.GetAsync(siloClient, "/v1/models");
        Assert.Equal(404, siloStatus);
        Assert.Equal("unknown_url", siloBody["error"]!["code"]!.GetValue<string>());

        // The silo exports its replica and its silo series, the API node its HTTP figures: Prometheus sums without doubles.
        var siloMetrics = await siloClient.GetStringAsync("/metrics");
        var apiMetrics = await client.GetStringAsync("/metrics");
        Assert.Contains("vllm:generation_tokens_total{", siloMetrics);
        Assert.Contains("platform_silo_up{", siloMetrics);
        Assert.DoesNotContain("platform_http_responses_total{route=\"/v1/chat/completions\"", siloMetrics);
        Assert.Contains("platform_http_responses_total{route=\"/v1/chat/completions\",method=\"POST\",status=\"200\"} 1", apiMetrics);
        Assert.DoesNotContain("vllm:", apiMetrics);
        Assert.DoesNotContain("platform_silo_up{", apiMetrics);
        // The API node's dashboard reads the silo's replica through the cluster.
        Assert.Contains("\"generation_tokens_total\"", await client.GetStringAsync("/dashboard/data"));
    }
}
