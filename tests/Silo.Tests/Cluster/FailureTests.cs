using System.Diagnostics;
using Xunit.Abstractions;
using Platform.Silo.Tests.Cluster.Support;

namespace Platform.Silo.Tests.Cluster;

/// <summary>What clients see when a silo of a three-process cluster dies (kill -9) or is stopped (SIGTERM) under load.</summary>
[Collection(ClusterCollection.Name)]
public class FailureTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Streams = 16;
    private const int Sessions = 6;

    [Fact]
    public async Task KillNine_EndsTheDeadSilosStreamsWithAnErrorChunk_SessionsContinue_AndNewRequestsSucceedWithinTenSeconds()
    {
        await using var cluster = await PlatformCluster.StartAsync(postgres.ConnectionString, count: 3, replicas: 3);
        var (victim, survivors) = await PickVictimAsync(cluster);
        var clients = survivors.Select(n => n.CreateClient()).ToList();
        var onSurvivors = (await ClusterRequests.ReplicasAsync(clients[0])).Where(r => cluster.NodeOf(r.Silo) != victim).ToList();
        var sessions = Enumerable.Range(0, Sessions).Select(i => $"kill-{Guid.NewGuid():N}").ToList();
        for (var i = 0; i < sessions.Count; i++)
            Assert.Equal(200, (await ClusterRequests.ChatAsync(clients[i % clients.Count], $"Remember {i}", 4, sessions[i])).Status);
        var streams = await StartStreamsAsync(clients, maxTokens: 800);

        victim.Kill();
        var killedAt = Stopwatch.GetTimestamp();
        // Probed while the streams still run: how soon the cluster serves a new request.
        var recovery = FirstSuccessAsync(clients[0], killedAt);

        var ends = await Task.WhenAll(streams.Select(s => s.Ended)).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.All(ends, e => Assert.True(e.Done, "every stream is closed with [DONE], none broken off or hung"));
        var failed = ends.Where(e => e.Error is not null).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, e => Assert.Equal("model_unavailable", e.Error));
        var errorTimes = failed.Select(e => Stopwatch.GetElapsedTime(killedAt, e.At).TotalSeconds).Order().ToList();
        var errorSeconds = errorTimes[^1];
        Assert.True(errorSeconds < 15, $"the dead silo's streams ended with an error chunk within failure detection ({string.Join(", ", errorTimes.Select(t => t.ToString("F1")))} s)\n{survivors[0].Log}");
        Assert.All(ends.Where(e => e.Error is null), e => Assert.Equal("length", e.FinishReason));

        var (recovered, last) = await recovery;
        Assert.True(recovered < 10, $"a new request succeeded {recovered:F1} s after the kill (last failure: {last})\n{survivors[0].Log}");
        // The survivors' replicas kept their engines: nothing but the dead silo's grains was lost.
        var after = await ClusterRequests.ReplicasAsync(clients[0]);
        Assert.All(onSurvivors, r => Assert.Contains(after, a => a.Id == r.Id && a.Silo == r.Silo && a.State == "ready"));
        for (var i = 0; i < sessions.Count; i++)
        {
            var client = clients[(i + 1) % clients.Count];
            var (status, body) = await ClusterRequests.ChatAsync(client, $"And now {i}", 4, sessions[i]);
            Assert.True(status == 200, body.ToJsonString());
            var (_, transcript) = await ClusterRequests.GetAsync(client, $"/v1/sessions/{sessions[i]}");
            Assert.Equal(2, transcript["turns"]!.GetValue<int>());
            Assert.Equal($"Remember {i}", transcript["messages"]![0]!["content"]!.GetValue<string>());
        }
        output.WriteLine($"kill -9 recovery: error chunks within {errorSeconds:F1} s, first new success after {recovered:F1} s, " +
                          $"{failed.Count}/{Streams} streams were on the dead silo");
    }

    [Fact]
    public async Task Sigterm_DrainsTheSilo_RunningStreamsFinishWithoutError_AndTheProcessLeavesCleanly()
    {
        await using var cluster = await PlatformCluster.StartAsync(postgres.ConnectionString, count: 3, replicas: 3);
        var (victim, survivors) = await PickVictimAsync(cluster);
        var clients = survivors.Select(n => n.CreateClient()).ToList();
        var streams = await StartStreamsAsync(clients, maxTokens: 600);

        victim.Terminate();

        // While the silo drains, new requests are routed to the other replicas.
        var (status, body) = await ClusterRequests.ChatAsync(clients[0], "During the drain", 4);
        Assert.True(status == 200, body.ToJsonString());
        var ends = await Task.WhenAll(streams.Select(s => s.Ended)).WaitAsync(TimeSpan.FromSeconds(90));
        Assert.All(ends, e => Assert.True(e is { Done: true, Error: null, FinishReason: "length" }, $"a stream ended with {e}"));
        await victim.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, victim.ExitCode);
        Assert.True(victim.Log.Contains("Draining", StringComparison.Ordinal), victim.Log);
        var replicas = await ClusterRequests.ReplicasAsync(clients[1]);
        Assert.DoesNotContain(replicas, r => cluster.NodeOf(r.Silo) == victim);
    }

    /// <summary>A node hosting a replica while another node hosts one too (starting silos each take one), and the others.</summary>
    private static async Task<(ClusterNode Victim, List<ClusterNode> Survivors)> PickVictimAsync(PlatformCluster cluster)
    {
        using var client = cluster.Nodes[0].CreateClient();
        var hosts = (await ClusterRequests.ReplicasAsync(client)).Select(r => cluster.NodeOf(r.Silo)).OfType<ClusterNode>().Distinct().ToList();
        Assert.True(hosts.Count >= 2, "the replicas are spread over at least two of the three silos");
        return (hosts[0], cluster.Nodes.Where(n => n != hosts[0]).ToList());
    }

    /// <summary>Starts <see cref="Streams"/> long streams over the survivors' API ports (distinct prompts, so they spread over the replicas).</summary>
    private static async Task<List<StreamResult>> StartStreamsAsync(List<HttpClient> clients, int maxTokens) =>
        [.. await Task.WhenAll(Enumerable.Range(0, Streams).Select(i =>
            ClusterRequests.StartStreamAsync(clients[i % clients.Count], $"Story number {i} about {Guid.NewGuid():N}", maxTokens)))];

    /// <summary>Seconds from <paramref name="since"/> until a short chat request succeeds (all tries within 30 s), and the last failure.</summary>
    private static async Task<(double Seconds, string LastFailure)> FirstSuccessAsync(HttpClient client, long since)
    {
        var last = "";
        await Eventually.True(async () =>
        {
            try
            {
                var (status, body) = await ClusterRequests.ChatAsync(client, "Are you there?", 2);
                last = status == 200 ? last : $"{status} {body.ToJsonString()}";
                return status == 200;
            }
            catch (HttpRequestException error)
            {
                last = error.Message;
                return false;
            }
        }, "a new request succeeds after the kill", timeoutSeconds: 30, () => $"last failure: {last}");
        return (Stopwatch.GetElapsedTime(since).TotalSeconds, last);
    }
}
