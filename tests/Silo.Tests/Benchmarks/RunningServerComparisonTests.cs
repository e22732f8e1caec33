using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

/// <summary>The tenant workload against a server the bench did not start (`--url`): one row, labelled with the policy the user says it runs.</summary>
public class RunningServerComparisonTests
{
    private static readonly TenantWorkloadOptions Workload = new() { Tenants = 2, SystemPromptTokens = 48, Users = 2, Turns = 2, UserTokens = 8, MaxTokens = 4, Concurrency = 1 };

    [Fact]
    public async Task ARunningServerGetsOneRowNamedForItsPolicyCountingOnlyThisRunsRequests()
    {
        using var folder = ShapeModelFolder.Create(ShapeModelFolder.ParseShape("64,2,4,2,128,32000"), TestTokenizers.Llama2);
        await using var server = await InProcessServer.StartAsync(folder.Path, "tiny", "f32", "8MiB", TimeSpan.FromMinutes(2), CancellationToken.None);
        var target = new ServeTarget { Url = server.Url + "/v1", Model = "tiny" };
        var report = new StringWriter();

        var first = await PolicyComparison.RunAsync(target, Workload, new PolicyComparisonOptions { Policies = ["session"] }, TextWriter.Null);
        var second = await PolicyComparison.RunAsync(target, Workload, new PolicyComparisonOptions { Policies = ["session"], MetricsUrls = [server.Url] }, report);

        foreach (var result in new[] { first, second })
        {
            var row = Assert.Single(result.Rows);
            Assert.Equal(("session", 1, 8), (row.Label, row.ReplicaCount, row.Requests));
            // Warm-up and the earlier run are on the server's counters too; the row counts its own requests only.
            Assert.Equal(8, row.Replicas.TotalRequests);
        }
        Assert.Contains(report.ToString().Split('\n'), l => l.StartsWith("session ") && l.TrimEnd().EndsWith("  8"));
        Assert.DoesNotContain("baseline", report.ToString());
    }

    [Theory]
    [InlineData("random,prefix", null, "give --routing POLICY")]
    [InlineData("prefix", "postgres://u@127.0.0.1/db", "--cluster is for the silos the bench starts")]
    public async Task AComparisonThatCannotRunAgainstARunningServerIsRefused(string policies, string? cluster, string message)
    {
        var target = new ServeTarget { Url = "http://127.0.0.1:1", Model = "m" };
        var comparison = new PolicyComparisonOptions { Policies = PolicyComparisonOptions.ParsePolicies(policies), ClusterUrl = cluster };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => PolicyComparison.RunAsync(target, new TenantWorkloadOptions(), comparison, TextWriter.Null));

        Assert.Contains(message, error.Message);
    }
}
