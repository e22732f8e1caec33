using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Platform.Silo.Tests.Observability;

/// <summary>
/// The shipped Grafana dashboard and Prometheus rules against what a real Prometheus scraped from a real platform under
/// load: every panel query has data, every rule evaluates, every vLLM metric arrives with its type.
/// </summary>
public sealed partial class PrometheusScrapeTests(PrometheusScrapeFixture fixture, ITestOutputHelper output)
    : IClassFixture<PrometheusScrapeFixture>
{
    /// <summary>The vLLM metrics the dashboard and the rules read, with the TYPE vLLM gives them.</summary>
    public static TheoryData<string, string> VllmMetrics { get; } = new()
    {
        { "vllm:num_requests_running", "gauge" },
        { "vllm:num_requests_waiting", "gauge" },
        { "vllm:kv_cache_usage_perc", "gauge" },
        { "vllm:cache_config_info", "gauge" },
        { "vllm:prompt_tokens_total", "counter" },
        { "vllm:generation_tokens_total", "counter" },
        { "vllm:num_preemptions_total", "counter" },
        { "vllm:prefix_cache_queries_total", "counter" },
        { "vllm:prefix_cache_hits_total", "counter" },
        { "vllm:request_success_total", "counter" },
        { "vllm:time_to_first_token_seconds", "histogram" },
        { "vllm:inter_token_latency_seconds", "histogram" },
        { "vllm:e2e_request_latency_seconds", "histogram" },
        { "vllm:request_queue_time_seconds", "histogram" },
        { "vllm:request_prompt_tokens", "histogram" },
        { "vllm:request_generation_tokens", "histogram" },
    };

    /// <summary>Every target of every panel in the dashboard: its panel's title, its refId and its expression.</summary>
    public static IEnumerable<object[]> DashboardQueries()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(PrometheusScrapeFixture.DashboardFile))!;
        foreach (var panel in dashboard["panels"]!.AsArray().Concat(RowChildren(dashboard)))
            foreach (var target in panel!["targets"]?.AsArray() ?? [])
                yield return [(string)panel["title"]!, (string)target!["refId"]!, (string)target["expr"]!];
    }

    // Collapsed rows carry their panels inside them.
    private static IEnumerable<JsonNode?> RowChildren(JsonNode dashboard) =>
        dashboard["panels"]!.AsArray().SelectMany(p => p!["panels"]?.AsArray() ?? []);

    [Theory]
    [MemberData(nameof(DashboardQueries))]
    public async Task Dashboard_panel_query_returns_a_number(string panel, string refId, string expr)
    {
        var query = GrafanaVariables().Replace(expr, variable => variable.Value switch
        {
            "$model_name" => PrometheusScrapeFixture.Model,
            _ => "15s",
        });
        var result = await fixture.Prometheus.QueryAsync(query, fixture.QueryTime);
        output.WriteLine($"{panel} {refId}: {result.Count} series");
        foreach (var series in result)
            output.WriteLine($"  {series!["metric"]!.ToJsonString()} = {(string?)series["value"]![1]}");
        // Grafana draws NaN (a quantile or a ratio over an empty window) as a gap, as if there were no data at all.
        if (!result.Any(series => (string?)series!["value"]![1] is not "NaN"))
            Assert.Fail($"Panel \"{panel}\" target {refId} returned {(result.Count == 0 ? "no series" : "only NaN")} at " +
                        $"{fixture.QueryTime:O} after {fixture.Completed} requests.\nexpr: {query}\n" +
                        await SeriesOfAsync(MetricNames().Matches(query).Select(m => m.Value).Where(n => n is not "by" and not "on")));
    }

    [Fact]
    public async Task Every_rule_group_loads_and_evaluates_without_errors()
    {
        var expected = RuleGroups().Matches(File.ReadAllText(PrometheusScrapeFixture.RulesFile)).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(expected);
        var last = "";
        // Health is "unknown" until a rule's first evaluation; the load before this already gave them a dozen.
        await Eventually.True(async () =>
        {
            var groups = (await fixture.Prometheus.ApiAsync("api/v1/rules"))["groups"]!.AsArray();
            last = groups.ToJsonString();
            var broken = groups.SelectMany(g => g!["rules"]!.AsArray())
                .Where(r => (string?)r!["health"] == "err")
                .Select(r => $"{r!["name"]}: {r["lastError"]}").ToList();
            if (broken.Count > 0)
                Assert.Fail($"rules failed to evaluate:\n{string.Join("\n", broken)}");
            return expected.All(name => groups.Any(g => (string?)g!["name"] == name)) &&
                   groups.All(g => g!["rules"]!.AsArray().Count > 0 &&
                                   g["rules"]!.AsArray().All(r => (string?)r!["health"] == "ok"));
        }, $"rule groups {string.Join(", ", expected)} are loaded and healthy", 15, () => $"rules: {last}\n{fixture.Prometheus.Log}");
    }

    [Fact]
    public async Task Platform_target_is_up()
    {
        var target = await fixture.PlatformTargetAsync();
        Assert.NotNull(target);
        Assert.True((string?)target["health"] == "up", $"target: {target.ToJsonString()}\n{fixture.Prometheus.Log}");
        Assert.Equal(fixture.MetricsUrl.ToString(), (string?)target["scrapeUrl"]);
        Assert.Equal("", (string?)target["lastError"]);
    }

    [Theory]
    [MemberData(nameof(VllmMetrics))]
    public async Task Prometheus_ingests_vllm_metric_with_its_type_and_labels(string name, string type)
    {
        var metadata = await fixture.Prometheus.ApiAsync("api/v1/metadata");
        // Text format 0.0.4 names a counter's family with `_total`; OpenMetrics would drop it, and the key here with it.
        var family = metadata[name];
        Assert.True(family is not null, $"Prometheus has no metadata for {name}; it has: {string.Join(", ", metadata.AsObject().Select(p => p.Key).Order())}");
        Assert.Equal(type, (string?)family[0]!["type"]);

        // Per-replica panels and alerts group by these; a series without them would vanish from the dashboard.
        var sample = type == "histogram" ? $"{name}_count" : name;
        var series = await fixture.Prometheus.QueryAsync(
            $"{{__name__=\"{sample}\", model_name=\"{PrometheusScrapeFixture.Model}\", replica!=\"\", silo!=\"\"}}", fixture.QueryTime);
        Assert.True(series.Count > 0, $"no {sample} series with model_name, replica and silo labels.\n{await SeriesOfAsync([sample])}");
    }

    [Theory]
    [MemberData(nameof(VllmMetrics))]
    public async Task Metrics_endpoint_declares_vllm_metric_with_its_type(string name, string type)
    {
        // A plain GET gets text format 0.0.4, where a counter's TYPE line names it with `_total`.
        using var response = await fixture.Client.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains($"# TYPE {name} {type}\n", text);
        if (type == "histogram")
            foreach (var suffix in new[] { "_bucket{", "_sum{", "_count{" })
                Assert.Contains($"\n{name}{suffix}", text);
    }

    // Grafana's own interval variables, and the dashboard's model picker.
    [GeneratedRegex(@"\$__rate_interval|\$__interval|\$__range|\$model_name")]
    private static partial Regex GrafanaVariables();

    [GeneratedRegex(@"^  - name: *(\S+)", RegexOptions.Multiline)]
    private static partial Regex RuleGroups();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*[{\[])")]
    private static partial Regex MetricNames();

    /// <summary>What Prometheus holds for each of these metrics, so a failure says whether the name or the query is wrong.</summary>
    private async Task<string> SeriesOfAsync(IEnumerable<string> names)
    {
        var lines = new List<string>();
        foreach (var name in names.Distinct())
        {
            var series = await fixture.Prometheus.QueryAsync($"{{__name__=\"{name}\"}}", fixture.QueryTime);
            lines.Add($"{name}: {series.Count} series" +
                      string.Concat(series.Take(5).Select(s => $"\n  {s!["metric"]!.ToJsonString()} = {(string?)s["value"]![1]}")));
        }
        return string.Join("\n", lines);
    }
}
