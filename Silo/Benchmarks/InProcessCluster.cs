using Platform.Silo.Hosting;

namespace Platform.Silo.Benchmarks;

/// <summary>
/// Silos started inside this process as one cluster in PostgreSQL (or one embedded silo), each serving one model whose
/// replicas, one per silo, route with a given policy; disposing stops them all.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly List<InProcessServer> _servers;

    private InProcessCluster(List<InProcessServer> servers) => _servers = servers;

    /// <summary>Every silo's API base URL; requests may go to any, `/metrics` must be read from all.</summary>
    public IReadOnlyList<string> Urls => _servers.Select(s => s.Url).ToList();

    /// <summary>The replicas as `/v1/models` listed them once all were ready.</summary>
    public IReadOnlyList<ServedReplica> Replicas { get; private set; } = [];

    /// <summary>
    /// Starts <paramref name="silos"/> silos at once (a fresh cluster id in <paramref name="databaseUrl"/>; embedded when it is null,
    /// for one silo) serving <paramref name="model"/> with one replica each of <paramref name="kvBytesPerReplica"/> bytes of KV cache,
    /// and waits until every replica is ready.
    /// </summary>
    public static async Task<InProcessCluster> StartAsync(LocalServedModel model, int silos, string policy, long kvBytesPerReplica, string? databaseUrl,
        TimeSpan loadTimeout, CancellationToken cancellationToken)
    {
        if (silos > 1 && databaseUrl is null)
            throw new ArgumentException($"{silos} silos form a cluster in PostgreSQL: give --cluster postgres://user:pass@host:port/db.");
        var clusterId = $"bench-{policy}-{Guid.NewGuid():N}"[..24];
        var ports = LoopbackPorts.Free(2 * silos);
        // Each host's budget is for all its replicas; one lands on each silo, so S x per-replica gives each its share.
        var hostKv = checked(kvBytesPerReplica * silos).ToString();
        // Started together, so each silo takes its own replica (ARCHITECTURE.md, "Replica placement at start").
        var starts = Enumerable.Range(0, silos).Select(i => InProcessServer.StartAsync(
            model.ServeOptions(hostKv) with
            {
                Replicas = silos,
                Routing = policy,
                AccessLog = false,
                Cluster = new ClusterSettings
                {
                    DatabaseUrl = databaseUrl,
                    ClusterId = clusterId,
                    SiloPort = ports[2 * i],
                    GatewayPort = ports[2 * i + 1],
                    // Nothing runs when the benchmark stops its silos.
                    DrainTimeout = TimeSpan.FromSeconds(5),
                },
            }, loadTimeout: null, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAll(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result.DisposeAsync().AsTask())).ConfigureAwait(false);
            throw;
        }
        var cluster = new InProcessCluster(starts.Select(s => s.Result).ToList());
        try
        {
            cluster.Replicas = await WaitUntilAllReadyAsync(cluster.Urls[0], model.Name, silos, loadTimeout, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // One at a time: silos stopping together call grains (the model registry's Unregister, gossip) on each other
        // while those shut down, and Orleans logs every such call as a failure.
        foreach (var server in _servers)
            await server.DisposeAsync().ConfigureAwait(false);
        _servers.Clear();
    }

    private static async Task<IReadOnlyList<ServedReplica>> WaitUntilAllReadyAsync(string url, string model, int replicas, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = BenchHttpClient.Create(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        IReadOnlyList<ServedReplica> listed = [];
        try
        {
            while (true)
            {
                listed = await ServedReplica.ListAsync(http, model, deadline.Token).ConfigureAwait(false);
                if (listed.Count == replicas && listed.All(r => r.State == "ready"))
                    return listed;
                if (listed.FirstOrDefault(r => r.State == "failed") is { } failed)
                    throw new InvalidOperationException($"replica {failed.Id} of {model} failed to load on {failed.Silo}.");
                await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var states = listed.Count == 0 ? "none listed" : string.Join(", ", listed.Select(r => $"{r.Id} {r.State}"));
            throw new TimeoutException($"the {replicas} replicas of {model} were not all ready within {timeout.TotalSeconds:0} s ({states}).");
        }
    }
}
