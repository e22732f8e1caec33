using Platform.Silo.Benchmarks;
using Platform.Silo.Tests.Cluster;
using Platform.Silo.Tests.Cluster.Support;

namespace Platform.Silo.Tests.Benchmarks;

/// <summary>
/// The routing comparison end to end: a tiny random model on one baseline silo, then on two in-process silos per policy
/// forming a cluster in a real PostgreSQL. One run is shared by the tests (each cluster costs seconds on 2 cores).
/// </summary>
[Collection(ClusterCollection.Name)]
public class PolicyComparisonTests(PostgresFixture postgres)
{
    private static readonly TenantWorkloadOptions Workload = new() { Tenants = 2, SystemPromptTokens = 96, Users = 2, Turns = 2, UserTokens = 16, MaxTokens = 6 };
    private static readonly SemaphoreSlim RunOnce = new(1);
    private static (RoutingComparison Result, string Report)? _run;

    private async Task<(RoutingComparison Result, string Report)> RunAsync()
    {
        await RunOnce.WaitAsync();
        try
        {
            if (_run is null)
            {
                var target = new ServeTarget { Shape = "64,2,4,2,128,32000", Dtype = "f32", Tokenizer = TestTokenizers.Llama2, KvCacheMemory = "8MiB" };
                var comparison = new PolicyComparisonOptions { Policies = ["round-robin", "prefix"], Silos = 2, ClusterUrl = PlatformCluster.UrlOf(postgres.ConnectionString) };
                var report = new StringWriter();
                _run = (await PolicyComparison.RunAsync(target, Workload, comparison, report), report.ToString());
            }
            return _run.Value;
        }
        finally
        {
            RunOnce.Release();
        }
    }

    [Fact]
    public async Task EachTurnResendsTheHistoryWithTheReplyThePreviousTurnGotBack()
    {
        var (result, _) = await RunAsync();

        foreach (var row in result.Rows)
            foreach (var chat in row.Run.Turns.GroupBy(t => (t.Tenant, t.User)))
            {
                var turns = chat.OrderBy(t => t.Turn).ToList();
                Assert.Equal([0, 1], turns.Select(t => t.Turn));
                Assert.Equal(["system", "user"], turns[0].Sent.Select(m => m.Role));
                Assert.Equal(["system", "user", "assistant", "user"], turns[1].Sent.Select(m => m.Role));
                Assert.Equal(turns[0].Sent, turns[1].Sent.Take(2));
                Assert.Equal(turns[0].Completion.Text, turns[1].Sent[2].Content);
            }
        // Replies are random tokens of random weights, but text: the check above compares more than empty strings.
        Assert.Contains(result.Rows.SelectMany(r => r.Run.Turns), t => t.Completion.Text.Length > 0);
    }

    [Fact]
    public async Task TenantsSystemPromptsDifferAndTheServersTokenizerCountsAboutTheAskedTokens()
    {
        var (result, _) = await RunAsync();

        Assert.Equal(2, result.Calibration.SystemPromptTokens.Count);
        Assert.All(result.Calibration.SystemPromptTokens, n => Assert.InRange(n, 94, 98));
        Assert.NotEqual(result.Workload.SystemPrompt(0), result.Workload.SystemPrompt(1));
        foreach (var turn in result.Rows[0].Run.Turns)
            Assert.Equal(result.Workload.SystemPrompt(turn.Tenant), turn.Sent[0].Content);
        // The server counts the template too: at least the system prompt and the user's words.
        Assert.All(result.Rows[0].Run.Turns.Where(t => t.Turn == 0), t => Assert.InRange(t.Completion.PromptTokens, 94 + 16, 96 + 16 + 40));
    }

    [Fact]
    public async Task EveryRowSplitsItsPromptTokensIntoComputedAndCachedAndItsReplicasServedExactlyItsRequests()
    {
        var (result, _) = await RunAsync();

        Assert.All(result.Rows, row =>
        {
            Assert.Equal(Workload.RequestCount, row.Requests);
            Assert.Equal(row.PromptTokens, row.ComputedTokens + row.CachedTokens);
            Assert.Equal(row.Requests, row.Replicas.TotalRequests);
            Assert.InRange(row.Balance, 1, row.ReplicaCount);
        });
        Assert.Equal([1, 2, 2], result.Rows.Select(r => r.ReplicaCount));
        // Turn 2 of every chat resends turn 1's prompt, so some of it comes from a cache on every topology.
        Assert.All(result.Rows, row => Assert.True(row.CachedTokens > 0, $"{row.Label}: no prefix-cache hit"));
    }

    [Fact]
    public async Task ARunOverTwoPoliciesPrintsTheBaselineRowAndOneRowPerPolicyInOrder()
    {
        var (result, report) = await RunAsync();

        Assert.Equal(["baseline", "round-robin", "prefix"], result.Rows.Select(r => r.Label));
        var lines = report.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.StartsWith("policy "));
        Assert.True(header >= 0, report);
        Assert.Equal(["baseline", "round-robin", "prefix"], lines.Skip(header + 1).Take(3).Select(l => l.Split(' ')[0]));
        Assert.Contains(lines, l => l.StartsWith("hit rate / baseline's: round-robin ") && l.Contains(", prefix "));
        Assert.Contains(lines, l => l.StartsWith("TTFT p90 round-robin / prefix: ") && l.EndsWith('x'));
    }
}
