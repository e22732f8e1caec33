using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Silo.Hosting;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>`/metrics` and `/dashboard/data` of a real serve host with its own counters (not the shared serving server).</summary>
public partial class MetricsEndpointTests
{
    private static readonly (string Name, string Type)[] VllmFamilies =
    [
        ("vllm:num_requests_running", "gauge"), ("vllm:num_requests_waiting", "gauge"), ("vllm:kv_cache_usage_perc", "gauge"),
        ("vllm:cache_config_info", "gauge"),
        ("vllm:prompt_tokens_total", "counter"), ("vllm:generation_tokens_total", "counter"), ("vllm:request_success_total", "counter"),
        ("vllm:num_preemptions_total", "counter"), ("vllm:prefix_cache_queries_total", "counter"), ("vllm:prefix_cache_hits_total", "counter"),
        ("vllm:time_to_first_token_seconds", "histogram"), ("vllm:inter_token_latency_seconds", "histogram"),
        ("vllm:e2e_request_latency_seconds", "histogram"), ("vllm:request_queue_time_seconds", "histogram"),
        ("vllm:request_prompt_tokens", "histogram"), ("vllm:request_generation_tokens", "histogram"),
    ];

    [Fact]
    public async Task Scrape_HasVllmsFamiliesWithTheirTypes_AndCountersEqualTheUsageTheResponsesReported()
    {
        await using var host = await StartAsync(new ServeOptions { Host = "127.0.0.1", Port = 0 });
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        var (prompt, completion) = (0, 0);
        for (var i = 0; i < 3; i++)
        {
            var usage = await CompleteAsync(client, $"count {i} sheep");
            prompt += usage.Prompt;
            completion += usage.Completion;
        }

        var scrape = await client.GetStringAsync("/metrics");

        var types = TypeLine().Matches(scrape).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        foreach (var (name, type) in VllmFamilies)
            Assert.True(types.TryGetValue(name, out var found) && found == type, $"{name} should be a {type}, the scrape says {found ?? "nothing"}");
        Assert.Equal(prompt, Sum(scrape, "vllm:prompt_tokens_total"));
        Assert.Equal(completion, Sum(scrape, "vllm:generation_tokens_total"));
        Assert.Equal(3, Sum(scrape, "vllm:request_success_total"));
        Assert.Equal(3, Sum(scrape, "vllm:time_to_first_token_seconds_count"));
        Assert.Equal(completion - 3, Sum(scrape, "vllm:inter_token_latency_seconds_count"));
        Assert.Matches("vllm:cache_config_info\\{model_name=\"qwen\",replica=\"0\",silo=\"[^\"]+\",block_size=\"16\",num_gpu_blocks=\"512\",cache_bytes=\"[0-9]+\",cache_dtype=\"f16\"", scrape);
        Assert.Equal(1, Sum(scrape, "platform_silo_up", "role=\"serve\""));
        Assert.Equal(1, Sum(scrape, "platform_grain_activations", "grain_type=\"model\""));
        Assert.Equal(3, Sum(scrape, "platform_routing_decisions_total", "reason=\"single\""));
        Assert.Equal(1, Sum(scrape, "platform_model_cold_start_seconds_count"));
        Assert.Equal(3, Sum(scrape, "platform_http_responses_total", "route=\"/v1/completions\",method=\"POST\",status=\"200\""));
    }

    [Fact]
    public async Task DashboardData_ShowsTheSameCountersAsMetrics_OnceTheReplicaHasReported()
    {
        await using var host = await StartAsync(new ServeOptions { Host = "127.0.0.1", Port = 0 });
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        await CompleteAsync(client, "one");
        await CompleteAsync(client, "two");

        JsonNode model = null!;
        double metricsTokens = 0;
        await Eventually.True(async () =>
        {
            metricsTokens = Sum(await client.GetStringAsync("/metrics"), "vllm:generation_tokens_total");
            model = JsonNode.Parse(await client.GetStringAsync("/dashboard/data"))!["models"]![0]!;
            return model["generation_tokens_total"]!.GetValue<double>() == metricsTokens;
        }, "the dashboard's generation tokens to reach /metrics' figure", detail: () => $"dashboard {model?["generation_tokens_total"]}, metrics {metricsTokens}");

        Assert.Equal("qwen", model["name"]!.GetValue<string>());
        Assert.Equal(2, model["requests_total"]!.GetValue<double>());
        Assert.Equal("ready", model["replicas"]![0]!["state"]!.GetValue<string>());
        Assert.NotNull(model["ttft_seconds"]!["p50"]);
    }

    [Fact]
    public async Task AnUnloadedReplica_LeavesTheGauges_ButItsCountersStay()
    {
        await using var host = await StartAsync(new ServeOptions { Host = "127.0.0.1", Port = 0, IdleTimeout = TimeSpan.FromSeconds(2) });
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        var usage = await CompleteAsync(client, "before the unload");

        var scrape = "";
        await Eventually.True(async () =>
        {
            scrape = await client.GetStringAsync("/metrics");
            return Sum(scrape, "platform_replica_unloads_total") == 1;
        }, "the idle replica to unload", timeoutSeconds: 60);
        // A scrape is not one snapshot: the gauges may have been written before the unload and its count after it.
        scrape = await client.GetStringAsync("/metrics");

        Assert.DoesNotContain("vllm:num_requests_running{", scrape);
        Assert.DoesNotContain("vllm:cache_config_info{", scrape);
        Assert.Equal(usage.Completion, Sum(scrape, "vllm:generation_tokens_total"));
    }

    private static async Task<PlatformHost> StartAsync(ServeOptions options)
    {
        var host = await PlatformHost.StartAsync(options, [ServingServer.Model("qwen", "tiny-qwen2")], logging: _ => { });
        await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
        return host;
    }

    private static async Task<(int Prompt, int Completion)> CompleteAsync(HttpClient client, string prompt)
    {
        using var response = await client.PostAsync("/v1/completions", new StringContent(
            new JsonObject { ["model"] = "qwen", ["prompt"] = prompt, ["max_tokens"] = 6, ["temperature"] = 0 }.ToJsonString(),
            System.Text.Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return (body["usage"]!["prompt_tokens"]!.GetValue<int>(), body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels contain <paramref name="labels"/>.</summary>
    private static double Sum(string scrape, string name, string labels = "") =>
        scrape.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => l.Contains(labels, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
