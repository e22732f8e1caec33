using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

public class ReplicaCountsTests
{
    private const string HostA = """
        # HELP vllm:request_success_total Count of successfully processed requests.
        # TYPE vllm:request_success_total counter
        vllm:request_success_total{model_name="m",replica="0",silo="127.0.0.1:1@1",finished_reason="length"} 5
        vllm:request_success_total{model_name="m",replica="0",silo="127.0.0.1:1@1",finished_reason="stop"} 2
        vllm:request_success_total{model_name="other",replica="0",silo="127.0.0.1:1@1",finished_reason="stop"} 40
        vllm:num_preemptions_total{model_name="m",replica="0",silo="127.0.0.1:1@1"} 1
        vllm:cache_config_info{model_name="m",replica="0",silo="127.0.0.1:1@1",block_size="16",num_gpu_blocks="128",cache_bytes="1"} 1
        """;

    private const string HostB = """
        vllm:request_success_total{model_name="m",replica="1",silo="127.0.0.1:2@1",finished_reason="length"} 3
        vllm:request_success_total{model_name="m",replica="1",silo="127.0.0.1:2@1",finished_reason="abort"} 1
        platform_silo_up 1
        """;

    [Fact]
    public void RequestsAreSummedPerReplicaOverFinishedReasonsAndHostsForTheOneModel()
    {
        var counts = ReplicaCounts.FromScrapes([HostA, HostB], "m");

        Assert.Equal(new Dictionary<string, long> { ["0"] = 7, ["1"] = 4 }, counts.Requests);
        Assert.Equal(11, counts.TotalRequests);
        Assert.Equal(1, counts.Preemptions["0"]);
        Assert.Equal(2048, counts.KvTokens["0"]);
    }

    [Fact]
    public void ARunCountsOnlyWhatHappenedSinceTheScrapeBeforeIt()
    {
        var before = ReplicaCounts.FromScrapes([HostA], "m");
        var after = ReplicaCounts.FromScrapes([HostA.Replace("} 5", "} 9"), HostB], "m");

        var run = after.Since(before);

        Assert.Equal(new Dictionary<string, long> { ["0"] = 4, ["1"] = 4 }, run.Requests);
        Assert.Equal(0, run.Preemptions["0"]);
    }

    [Fact]
    public void LabelValuesMayHoldEscapedQuotesCommasAndBraces()
    {
        var samples = PrometheusSamples.Parse("x{a=\"say \\\"hi\\\", {ok}\",b=\"\\\\\"} 2.5 1700000000\nnot a sample\ny +Inf").ToList();

        Assert.Equal(2, samples.Count);
        Assert.Equal("say \"hi\", {ok}", samples[0].Labels["a"]);
        Assert.Equal("\\", samples[0].Labels["b"]);
        Assert.Equal(2.5, samples[0].Value);
        Assert.Equal(double.PositiveInfinity, samples[1].Value);
    }
}
