using Npgsql;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Cluster.Support;

/// <summary>
/// Several real `platform serve --cluster` processes sharing one PostgreSQL and a cluster id of their own, each
/// serving tiny-qwen2 as "qwen" with the same replica count; disposing kills whatever still runs.
/// </summary>
internal sealed class PlatformCluster : IAsyncDisposable
{
    public const string Model = "qwen";

    private PlatformCluster(string url, string clusterId, List<ClusterNode> nodes)
    {
        Url = url;
        ClusterId = clusterId;
        Nodes = nodes;
    }

    /// <summary>The database as `--cluster` takes it.</summary>
    public string Url { get; }

    public string ClusterId { get; }

    public List<ClusterNode> Nodes { get; }

    /// <summary>postgres://user@host:port/db for a test server's Npgsql connection string.</summary>
    public static string UrlOf(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{Uri.EscapeDataString(b.Username ?? "postgres")}{(b.Password is { Length: > 0 } p ? ":" + Uri.EscapeDataString(p) : "")}@{b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>The flags of a node that hosts tiny-qwen2.</summary>
    public static string[] ModelFlags(int replicas) =>
    [
        "--model", Path.Combine(ServingServer.ModelsFolder, "tiny-qwen2"), "--served-model-name", Model,
        "--replicas", replicas.ToString(), "--kv-cache-memory", "32MB", "--drain-timeout", "60",
    ];

    /// <summary>Starts <paramref name="count"/> serve processes at once (the schema is created by whichever comes first) and waits until all are healthy and every replica is loaded.</summary>
    public static async Task<PlatformCluster> StartAsync(string connectionString, int count, int replicas)
    {
        var url = UrlOf(connectionString);
        var clusterId = $"test-{Guid.NewGuid():N}"[..16];
        var starts = Enumerable.Range(0, count).Select(_ => ClusterNode.StartAsync("serve", url, clusterId, ModelFlags(replicas))).ToList();
        var nodes = new List<ClusterNode>();
        foreach (var start in starts)
        {
            try
            {
                nodes.Add(await start);
            }
            catch
            {
                foreach (var node in nodes)
                    await node.DisposeAsync();
                throw;
            }
        }
        var cluster = new PlatformCluster(url, clusterId, nodes);
        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2))));
            // Healthy means one replica is ready; the others are taken by the silos a few seconds apart.
            using var client = nodes[0].CreateClient();
            await Eventually.True(async () => (await ClusterRequests.ReplicasAsync(client)).All(r => r.State == "ready"),
                "every replica is loaded", timeoutSeconds: 60);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>The node whose silo address is <paramref name="silo"/> ("127.0.0.1:PORT@generation"), or null.</summary>
    public ClusterNode? NodeOf(string silo) => Nodes.FirstOrDefault(n => silo.Contains($":{n.SiloPort}@", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
    }
}
