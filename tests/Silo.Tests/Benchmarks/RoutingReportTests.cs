using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

public class RoutingReportTests
{
    private static TenantTurnResult Turn(int prompt, int cached, int output, double ttft) =>
        new(0, 0, 0, [], new StreamedCompletion(prompt, output, ttft, [], ttft + 0.1, cached, ""), 1);

    private static ReplicaCounts Counts(params long[] perReplica) => new(
        perReplica.Select((n, i) => (i.ToString(), n)).ToDictionary(),
        perReplica.Select((_, i) => (i.ToString(), 0L)).ToDictionary(),
        perReplica.Select((_, i) => (i.ToString(), 1024L)).ToDictionary());

    private static PolicyResult Row(string label, double hitRate, double p90Ttft, int replicas = 2, long[]? perReplica = null)
    {
        // Ten requests of 100 prompt tokens; the TTFTs put the 90th percentile at p90Ttft.
        var cached = (int)(hitRate * 100);
        var turns = Enumerable.Range(0, 10).Select(i => Turn(100, cached, 4, i < 9 ? 0.01 : p90Ttft + (p90Ttft - 0.01) * 9)).ToList();
        return new PolicyResult
        {
            Label = label, Silos = replicas, ReplicaCount = replicas, Run = new TenantRun(turns, WallSeconds: 2),
            Replicas = Counts(perReplica ?? Enumerable.Repeat(10L / replicas, replicas).ToArray()),
        };
    }

    [Fact]
    public void ARowSplitsPromptTokensIntoComputedAndCachedAndDividesOutputByWallTime()
    {
        var row = new PolicyResult
        {
            Label = "prefix", Silos = 2, ReplicaCount = 2,
            Run = new TenantRun([Turn(100, 64, 4, 0.010), Turn(300, 32, 6, 0.030), Turn(200, 0, 10, 0.020)], WallSeconds: 0.5),
            Replicas = Counts(2, 1),
        };

        Assert.Equal((3, 600L, 96L, 504L), (row.Requests, row.PromptTokens, row.CachedTokens, row.ComputedTokens));
        Assert.Equal(row.PromptTokens, row.ComputedTokens + row.CachedTokens);
        Assert.Equal(0.16, row.HitRate, 10);
        Assert.Equal(40.0, row.OutputTokensPerSecond, 10);
        Assert.Equal(0.020, row.P50TimeToFirstTokenSeconds, 10);
        Assert.Equal(0.028, row.P90TimeToFirstTokenSeconds, 10);
        Assert.Equal(2 / 1.5, row.Balance, 10);
        Assert.Equal(1024, row.KvTokensPerReplica);
    }

    [Fact]
    public void AReplicaThatServedNothingStillCountsInTheMeanOfTheBalance()
    {
        // Three replicas, all six requests on one: max 6 over mean 2.
        var row = Row("random", 0.5, 0.02, replicas: 3, perReplica: [6]);

        Assert.Equal(3.0, row.Balance, 10);
        Assert.True(double.IsNaN((Row("random", 0.5, 0.02) with { Replicas = Counts() }).Balance));
    }

    [Fact]
    public void TheRatiosCompareEachPolicysHitRateToTheBaselineAndRoundRobinsTtftToPrefixs()
    {
        var rows = new[] { Row("baseline", 0.8, 0.02, replicas: 1), Row("round-robin", 0.4, 0.09), Row("prefix", 0.6, 0.03) };

        var ratios = RoutingReport.Ratios(rows).ToList();

        Assert.Equal(["hit rate / baseline's: round-robin 0.50x, prefix 0.75x", "TTFT p90 round-robin / prefix: 3.00x"], ratios);
        Assert.Empty(RoutingReport.Ratios([Row("session", 0.4, 0.09)]));
    }

    [Fact]
    public void TheTablePrintsOneRowPerPolicyWithItsRequestsPerReplica()
    {
        var workload = new TenantWorkload(new TenantWorkloadOptions { Tenants = 2, Users = 1, Turns = 5 });
        var calibration = new TokenCalibration(1, [510, 514], 4096);
        var text = new StringWriter();

        RoutingReport.Write(text, "m", workload, calibration, [Row("baseline", 0.8, 0.02, replicas: 1), Row("random", 0.4, 0.09, perReplica: [7, 3])]);

        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("system prompts 510-514 tokens (asked ~512)", lines[0]);
        Assert.Single(lines, l => l.StartsWith("baseline ") && l.EndsWith("  10"));
        Assert.Single(lines, l => l.StartsWith("random ") && l.EndsWith("  7 3"));
        Assert.Contains(lines, l => l.StartsWith("hit rate / baseline's: random 0.50x"));
        Assert.DoesNotContain(lines, l => l.StartsWith("note:"));
    }

    [Fact]
    public void MetricsThatMissRequestsAreNotedUnderTheTable()
    {
        var text = new StringWriter();

        RoutingReport.Write(text, "m", new TenantWorkload(new TenantWorkloadOptions()), new TokenCalibration(1, [512], 0), [Row("session", 0.4, 0.09, perReplica: [4, 2])]);

        Assert.Contains("note: /metrics counted 6 requests for session, not 10", text.ToString());
    }
}
