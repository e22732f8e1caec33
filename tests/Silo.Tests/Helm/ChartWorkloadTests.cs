using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Helm;

/// <summary>Silos and API nodes: probes, disruption budgets, graceful drains, Orleans' Kubernetes hosting, GPU pools, monitoring.</summary>
public sealed class ChartWorkloadTests
{
    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Silos_and_API_nodes_have_startup_readiness_and_liveness_probes_and_a_disruption_budget(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        foreach (var (kind, component) in new[] { ("StatefulSet", "silo"), ("Deployment", "api") })
        {
            var container = chart.Container(kind, component);
            // Startup waits for the models to load (/health is 503 until then); readiness follows /health.
            Assert.Equal("/health", (string?)container["startupProbe"]!["httpGet"]!["path"]);
            Assert.Equal("/health", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
            Assert.NotNull(container["livenessProbe"]!["httpGet"]);
            // Liveness must not follow /health: a database outage would restart every pod.
            Assert.NotEqual("/health", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
            var pdb = chart.Single("PodDisruptionBudget", component)["spec"]!;
            Assert.Equal(YamlJson.Canonical(chart.Single(kind, component)["spec"]!["selector"]!["matchLabels"]), YamlJson.Canonical(pdb["selector"]!["matchLabels"]));
            Assert.True(pdb["maxUnavailable"] is not null || pdb["minAvailable"] is not null);
        }
        var silo = chart.Container("StatefulSet", "silo")["startupProbe"]!;
        Assert.True((int)silo["periodSeconds"]! * (int)silo["failureThreshold"]! >= 600, "at least 10 minutes to load a model");
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Termination_grace_outlasts_the_preStop_and_the_drain(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        foreach (var (kind, component) in new[] { ("StatefulSet", "silo"), ("Deployment", "api") })
        {
            var container = chart.Container(kind, component);
            var drain = int.Parse(RenderedChart.Flag(container, "--drain-timeout"));
            var preStop = (int)container["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!;
            var grace = (int)chart.Single(kind, component)["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!;
            // The host gives Orleans 30 s after the drain to leave membership.
            Assert.True(grace > preStop + drain + 30, $"{component}: grace {grace} s <= preStop {preStop} + drain {drain} + 30");
        }
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Silos_run_Orleans_Kubernetes_hosting_with_their_pod_and_cluster_labels(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        var silo = chart.Container("StatefulSet", "silo");
        var template = chart.Single("StatefulSet", "silo")["spec"]!["template"]!;
        var args = RenderedChart.Args(silo);

        Assert.Equal("silo", args[0]);
        Assert.Contains("--kubernetes", args);
        Assert.Equal("cpu", RenderedChart.Flag(silo, "--device"));
        var env = silo["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);
        Assert.Equal("metadata.name", (string?)env["POD_NAME"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("metadata.namespace", (string?)env["POD_NAMESPACE"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("status.podIP", (string?)env["POD_IP"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        var labels = template["metadata"]!["labels"]!;
        Assert.Equal(RenderedChart.Flag(silo, "--cluster-id"), (string?)labels["orleans/clusterId"]);
        Assert.Equal("platform", (string?)labels["orleans/serviceId"]);
        // API nodes are clients: no --kubernetes, no Orleans labels (the agent would take them for silos).
        var api = chart.Container("Deployment", "api");
        Assert.Equal("api", RenderedChart.Args(api)[0]);
        Assert.DoesNotContain("--kubernetes", RenderedChart.Args(api));
        Assert.Null(chart.Single("Deployment", "api")["spec"]!["template"]!["metadata"]!["labels"]!["orleans/clusterId"]);
        Assert.Equal(RenderedChart.Flag(silo, "--cluster-id"), RenderedChart.Flag(api, "--cluster-id"));
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Silos_get_memory_backed_shm_and_a_Hub_cache_that_persistence_puts_on_a_claim(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        var set = chart.Single("StatefulSet", "silo")["spec"]!;
        var volumes = set["template"]!["spec"]!["volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!);
        var mounts = chart.Container("StatefulSet", "silo")["volumeMounts"]!.AsArray().ToDictionary(m => (string)m!["mountPath"]!, m => (string)m!["name"]!);

        Assert.Equal("Memory", (string?)volumes[mounts["/dev/shm"]]["emptyDir"]!["medium"]);
        var cache = mounts[(string)chart.Values["hfCache"]!["mountPath"]!];
        var claims = (set["volumeClaimTemplates"]?.AsArray() ?? []).Select(c => (string)c!["metadata"]!["name"]!).ToList();
        if ((bool)chart.Values["hfCache"]!["persistence"]!["enabled"]!)
            Assert.Contains(cache, claims);
        else
            Assert.NotNull(volumes[cache]["emptyDir"]);
        var env = chart.Container("StatefulSet", "silo")["env"]!.AsArray().Select(e => (string)e!["name"]!).ToList();
        Assert.Contains("HF_HOME", env);
        Assert.Equal(!(bool)chart.Values["hub"]!["download"]!, env.Contains("HF_HUB_OFFLINE"));
    }

    [Fact]
    public async Task Gpu_pools_get_the_GPU_request_node_selector_and_toleration_while_the_engine_stays_on_the_cpu()
    {
        var chart = await RenderedChart.GetAsync("gpu");
        var pod = chart.Single("StatefulSet", "silo")["spec"]!["template"]!["spec"]!;
        var silo = chart.Container("StatefulSet", "silo");

        Assert.Equal(1, (int?)silo["resources"]!["limits"]!["nvidia.com/gpu"]);
        Assert.Equal("true", (string?)pod["nodeSelector"]!["nvidia.com/gpu.present"]);
        Assert.Contains(pod["tolerations"]!.AsArray(), t => (string?)t!["key"] == "nvidia.com/gpu" && (string?)t["effect"] == "NoSchedule");
        Assert.Equal("cpu", RenderedChart.Flag(silo, "--device"));
        // Models from the Hub and from the read-only model volume, each with its served name.
        var args = RenderedChart.Args(silo);
        Assert.Equal(["HuggingFaceTB/SmolLM2-135M-Instruct", "/models/tiny-qwen2"], args.Select((a, i) => (a, i)).Where(x => x.a == "--model").Select(x => args[x.i + 1]));
        Assert.Equal(["smollm2", "qwen"], args.Select((a, i) => (a, i)).Where(x => x.a == "--served-model-name").Select(x => args[x.i + 1]));
        Assert.Contains(silo["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/models" && (bool?)m["readOnly"] == true);
        // No GPU anywhere else.
        Assert.Null(chart.Container("Deployment", "api")["resources"]!["limits"]!["nvidia.com/gpu"]);
        Assert.Null((await RenderedChart.GetAsync("default")).Container("StatefulSet", "silo")["resources"]!["limits"]!["nvidia.com/gpu"]);
    }

    [Fact]
    public async Task The_bundled_PostgreSQL_holds_the_URL_the_silos_and_API_nodes_join_with()
    {
        var chart = await RenderedChart.GetAsync("bundled-postgresql");
        var secret = chart.Single("Secret", "postgresql");
        var url = (string)secret["stringData"]!["url"]!;
        var password = (string)secret["stringData"]!["password"]!;

        Assert.Equal($"postgres://platform:{password}@{RenderedChart.Release}-platform-postgresql:5432/platform", url);
        Assert.True(password.Length >= 16);
        foreach (var (kind, component) in new[] { ("StatefulSet", "silo"), ("Deployment", "api") })
        {
            var reference = chart.Container(kind, component)["env"]!.AsArray().Single(e => (string?)e!["name"] == "PLATFORM_DATABASE_URL")!["valueFrom"]!["secretKeyRef"]!;
            Assert.Equal((string?)secret["metadata"]!["name"], (string?)reference["name"]);
            Assert.Equal("url", (string?)reference["key"]);
        }
        var postgres = chart.Container("StatefulSet", "postgresql");
        Assert.Equal((string?)secret["metadata"]!["name"], (string?)postgres["env"]!.AsArray().Single(e => (string?)e!["name"] == "POSTGRES_PASSWORD")!["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.NotNull(postgres["readinessProbe"]!["exec"]);
        Assert.Empty((await RenderedChart.GetAsync("default")).OfKind("Secret"));
    }

    [Fact]
    public async Task Monitoring_ships_the_observability_files_as_they_are_and_scrapes_every_process()
    {
        var chart = await RenderedChart.GetAsync("default");
        var files = Path.Combine(HelmTools.ChartFolder, "files");

        var dashboard = chart.Single("ConfigMap", "grafana-dashboard");
        Assert.Equal((await File.ReadAllTextAsync(Path.Combine(files, "grafana-dashboard.json"))).TrimEnd('\n'), (string?)dashboard["data"]!["platform.json"]);
        Assert.Equal("1", (string?)dashboard["metadata"]!["labels"]!["grafana_dashboard"]);
        var rules = YamlJson.Documents(await File.ReadAllTextAsync(Path.Combine(files, "prometheus-rules.yaml")))[0];
        var rule = Assert.Single(chart.OfKind("PrometheusRule"));
        Assert.Equal(YamlJson.Canonical(rules["groups"]), YamlJson.Canonical(rule["spec"]!["groups"]));
        Assert.Contains("{{ $labels.model_name }}", chart.Text);

        var monitor = Assert.Single(chart.OfKind("ServiceMonitor"))["spec"]!;
        var endpoint = Assert.Single(monitor["endpoints"]!.AsArray())!;
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        var selected = chart.OfKind("Service").Where(service =>
        {
            var labels = service["metadata"]!["labels"]!;
            return monitor["selector"]!["matchLabels"]!.AsObject().All(kv => (string?)labels[kv.Key] == (string?)kv.Value)
                && monitor["selector"]!["matchExpressions"]!.AsArray().All(e => e!["values"]!.AsArray().Any(v => (string?)v == (string?)labels[(string)e["key"]!]));
        }).ToList();
        Assert.Equal(["api", "silo"], selected.Select(s => (string)s["metadata"]!["labels"]!["app.kubernetes.io/component"]!).Order());
        Assert.All(selected, s => Assert.Contains(s["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == (string?)endpoint["port"]));
    }
}
