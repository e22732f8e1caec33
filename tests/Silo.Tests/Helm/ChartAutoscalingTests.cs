using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Helm;

/// <summary>The silo count follows the queue: an HPA on vllm:num_requests_waiting per pod (prometheus-adapter) or KEDA.</summary>
public sealed class ChartAutoscalingTests
{
    [Fact]
    public async Task The_HPA_scales_the_silos_on_the_waiting_requests_the_shipped_adapter_rule_serves()
    {
        var chart = await RenderedChart.GetAsync("default");
        var hpa = chart.Single("HorizontalPodAutoscaler", "silo")["spec"]!;
        var silos = chart.Single("StatefulSet", "silo");

        Assert.Equal("StatefulSet", (string?)hpa["scaleTargetRef"]!["kind"]);
        Assert.Equal((string?)silos["metadata"]!["name"], (string?)hpa["scaleTargetRef"]!["name"]);
        var metric = Assert.Single(hpa["metrics"]!.AsArray())!;
        Assert.Equal("Pods", (string?)metric["type"]);
        Assert.Equal("AverageValue", (string?)metric["pods"]!["target"]!["type"]);
        var name = (string)metric["pods"]!["metric"]!["name"]!;

        // The adapter serves that name from the silos' vllm:num_requests_waiting, summed per pod.
        var adapter = chart.Single("ConfigMap", "prometheus-adapter");
        var config = YamlJson.Documents((string)adapter["data"]!["config.yaml"]!)[0];
        var rule = Assert.Single(config["rules"]!.AsArray())!;
        Assert.StartsWith("vllm:num_requests_waiting{", (string)rule["seriesQuery"]!);
        Assert.Equal(name, (string?)rule["name"]!["as"]);
        Assert.Equal("pod", (string?)rule["resources"]!["overrides"]!["pod"]!["resource"]);
        Assert.Contains("sum by (<<.GroupBy>>)", (string)rule["metricsQuery"]!);
        // The autoscaler owns the count: a replicas field would reset it at every upgrade.
        Assert.Null(silos["spec"]!["replicas"]);
        AssertScaleInIsSlowAndOneDrainAtATime(hpa["behavior"]!, chart);
        Assert.Empty(chart.OfKind("ScaledObject"));
    }

    [Fact]
    public async Task The_KEDA_switch_scales_the_silos_on_the_same_metric_with_the_same_behaviour()
    {
        var chart = await RenderedChart.GetAsync("keda");
        var scaled = Assert.Single(chart.OfKind("ScaledObject"))["spec"]!;

        Assert.Equal((string?)chart.Single("StatefulSet", "silo")["metadata"]!["name"], (string?)scaled["scaleTargetRef"]!["name"]);
        Assert.Equal("StatefulSet", (string?)scaled["scaleTargetRef"]!["kind"]);
        var trigger = Assert.Single(scaled["triggers"]!.AsArray())!;
        Assert.Equal("prometheus", (string?)trigger["type"]);
        Assert.Equal("AverageValue", (string?)trigger["metricType"]);
        var query = (string)trigger["metadata"]!["query"]!;
        Assert.StartsWith("sum(vllm:num_requests_waiting{", query);
        Assert.Contains($"namespace=\"{RenderedChart.Namespace}\"", query);
        Assert.Contains($"pod=~\"{RenderedChart.Release}-platform-silo-[0-9]+\"", query);
        Assert.Equal("4", (string?)trigger["metadata"]!["threshold"]);
        AssertScaleInIsSlowAndOneDrainAtATime(scaled["advanced"]!["horizontalPodAutoscalerConfig"]!["behavior"]!, chart);
        Assert.Empty(chart.OfKind("HorizontalPodAutoscaler"));
        Assert.DoesNotContain(chart.OfKind("ConfigMap"), c => ((string)c["metadata"]!["name"]!).EndsWith("-prometheus-adapter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_autoscaling_the_silo_count_is_the_values_and_nothing_scales_it()
    {
        var chart = await RenderedChart.GetAsync("bundled-postgresql");

        Assert.Empty(chart.OfKind("HorizontalPodAutoscaler"));
        Assert.Empty(chart.OfKind("ScaledObject"));
        Assert.Equal(1, (int?)chart.Single("StatefulSet", "silo")["spec"]!["replicas"]);
        Assert.Equal("1", RenderedChart.Flag(chart.Container("StatefulSet", "silo"), "--replicas"));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("keda")]
    public async Task Autoscaled_silos_take_one_engine_replica_each(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);

        Assert.Equal("auto", RenderedChart.Flag(chart.Container("StatefulSet", "silo"), "--replicas"));
    }

    private static void AssertScaleInIsSlowAndOneDrainAtATime(JsonNode behavior, RenderedChart chart)
    {
        var down = behavior["scaleDown"]!;
        Assert.True((int)down["stabilizationWindowSeconds"]! >= 60, "scale-down stabilisation of a minute or more");
        var policy = Assert.Single(down["policies"]!.AsArray())!;
        Assert.Equal("Pods", (string?)policy["type"]);
        Assert.Equal(1, (int?)policy["value"]);
        var grace = (int)chart.Single("StatefulSet", "silo")["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!;
        Assert.True((int)policy["periodSeconds"]! >= grace, "one silo removed per drain period");
    }
}
