using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Helm;

/// <summary>
/// Zero trust: a default-deny policy over every pod of the release, and allow rules that are exactly the flows
/// ARCHITECTURE.md lists (each rule read as component, direction, peer, port).
/// </summary>
public sealed class ChartNetworkPolicyTests
{
    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task A_default_deny_policy_covers_every_pod_for_ingress_and_egress(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);

        var deny = chart.Single("NetworkPolicy", "default-deny")["spec"]!;

        Assert.Equal(["Ingress", "Egress"], deny["policyTypes"]!.AsArray().Select(t => (string)t!));
        Assert.Null(deny["ingress"]);
        Assert.Null(deny["egress"]);
        var selector = deny["podSelector"]!["matchLabels"]!.AsObject();
        Assert.NotEmpty(selector);
        foreach (var (owner, template) in chart.PodTemplates())
        {
            var labels = template["metadata"]!["labels"]!;
            Assert.True(selector.All(kv => (string?)labels[kv.Key] == (string?)kv.Value), $"{owner}: not selected by the default-deny policy");
        }
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task The_allowed_flows_are_exactly_the_listed_ones(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        var values = chart.Values;
        var np = values["networkPolicy"]!;
        var peers = new Dictionary<string, string>
        {
            [YamlJson.Canonical(np["apiClients"])] = "clients",
            [YamlJson.Canonical(np["prometheus"])] = "prometheus",
            [YamlJson.Canonical(np["dns"])] = "dns",
        };
        var cilium = (bool)np["cilium"]!["enabled"]!;
        var bundled = (bool)values["postgresql"]!["enabled"]!;
        var download = (bool)values["hub"]!["download"]!;
        List<string> database = bundled ? ["pods:postgresql"] : np["database"]!.AsArray().Count == 0 ? ["any"] : PeerNames(np["database"]!.AsArray(), peers, chart).ToList();
        var db = bundled ? $"TCP/{values["postgresql"]!["port"]}" : $"TCP/{np["databasePort"]}";
        var kubeApi = np["kubernetesApi"]!["cidrs"]!.AsArray().Select(c => $"cidr:{c}").ToList();

        HashSet<string> expected =
        [
            // ingress -> API port (unless Cilium's L7 policy carries it), Prometheus -> metrics
            .. cilium ? Array.Empty<string>() : ["api ingress clients TCP/8000", "api ingress prometheus TCP/8000"],
            "silo ingress prometheus TCP/8001",
            // API -> silo gateway
            "api egress pods:silo TCP/30000",
            "silo ingress pods:api TCP/30000",
            // silo <-> silo
            "silo egress pods:silo TCP/11111",
            "silo ingress pods:silo TCP/11111",
            // silo/API -> PostgreSQL
            .. database.SelectMany(d => new[] { $"silo egress {d} {db}", $"api egress {d} {db}" }),
            .. bundled ? [$"postgresql ingress pods:silo {db}", $"postgresql ingress pods:api {db}"] : Array.Empty<string>(),
            // DNS
            "silo egress dns UDP/53", "silo egress dns TCP/53", "api egress dns UDP/53", "api egress dns TCP/53",
            // Orleans' Kubernetes hosting -> the API server
            .. kubeApi.SelectMany(cidr => new[] { $"silo egress {cidr} TCP/443", $"silo egress {cidr} TCP/6443" }),
            // the Hub, only when downloads are on
            .. download ? ["silo egress internet TCP/443"] : Array.Empty<string>(),
        ];

        var actual = new HashSet<string>();
        foreach (var policy in chart.OfKind("NetworkPolicy").Where(p => !((string)p["metadata"]!["name"]!).EndsWith("-default-deny", StringComparison.Ordinal)))
        {
            var spec = policy["spec"]!;
            var component = (string)spec["podSelector"]!["matchLabels"]!["app.kubernetes.io/component"]!;
            foreach (var (direction, peersKey) in new[] { ("ingress", "from"), ("egress", "to") })
            {
                foreach (var rule in spec[direction]?.AsArray() ?? [])
                {
                    var names = rule![peersKey] is JsonArray list ? PeerNames(list, peers, chart).ToList() : ["any"];
                    foreach (var peer in names)
                        foreach (var port in rule["ports"]!.AsArray())
                            actual.Add($"{component} {direction} {peer} {(string?)port!["protocol"] ?? "TCP"}/{port["port"]}");
                }
            }
        }

        Assert.True(expected.SetEquals(actual),
            $"{valueSet}:\nmissing: {string.Join("; ", expected.Except(actual))}\nunexpected: {string.Join("; ", actual.Except(expected))}");
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Internet_egress_exists_only_with_hub_downloads_and_never_reaches_private_or_metadata_addresses(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        var download = (bool)chart.Values["hub"]!["download"]!;

        var blocks = chart.OfKind("NetworkPolicy")
            .SelectMany(p => p["spec"]!["egress"]?.AsArray() ?? [])
            .SelectMany(r => r!["to"]?.AsArray() ?? [])
            .Select(p => p!["ipBlock"]).OfType<JsonNode>()
            .Where(b => (string?)b["cidr"] == "0.0.0.0/0").ToList();

        Assert.Equal(download ? 1 : 0, blocks.Count);
        foreach (var block in blocks)
        {
            var except = block["except"]!.AsArray().Select(e => (string)e!).ToList();
            Assert.Contains("169.254.0.0/16", except);
            Assert.Contains("10.0.0.0/8", except);
        }
    }

    [Fact]
    public async Task The_Cilium_policy_allows_only_the_inference_routes_and_health_to_clients_and_metrics_to_Prometheus()
    {
        var chart = await RenderedChart.GetAsync("keda");
        var policy = Assert.Single(chart.OfKind("CiliumNetworkPolicy"));

        var rules = policy["spec"]!["ingress"]!.AsArray().Select(rule =>
        {
            var toPorts = Assert.Single(rule!["toPorts"]!.AsArray())!;
            Assert.Equal("8000", (string?)Assert.Single(toPorts["ports"]!.AsArray())!["port"]);
            return toPorts["rules"]!["http"]!.AsArray().Select(h => $"{h!["method"]} {h["path"]}").ToList();
        }).ToList();

        Assert.Equal(2, rules.Count);
        Assert.Equal(["POST /v1/chat/completions", "POST /v1/completions", "POST /v1/responses", "GET /v1/responses/[^/]+",
            "DELETE /v1/responses/[^/]+", "GET /v1/models", "GET /health"], rules[0]);
        Assert.Equal(["GET /metrics"], rules[1]);
        // Cilium's rules replace the NetworkPolicy's for the API port: an L4 allow there would let every path in.
        Assert.Empty(chart.Single("NetworkPolicy", "api")["spec"]!["ingress"]!.AsArray());
    }

    /// <summary>Names a rule's peers: a peer list from the values as a whole, else each peer (the release's own pods by component, a CIDR, the internet).</summary>
    private static IEnumerable<string> PeerNames(JsonArray list, Dictionary<string, string> known, RenderedChart chart)
    {
        if (known.TryGetValue(YamlJson.Canonical(list), out var name))
        {
            yield return name;
            yield break;
        }
        foreach (var peer in list)
        {
            if (peer!["ipBlock"] is { } block)
            {
                if ((string?)block["cidr"] == "0.0.0.0/0")
                {
                    yield return "internet";
                    continue;
                }
                Assert.True(block["except"] is null, $"{chart.ValueSet}: unexpected ipBlock except in {list.ToJsonString()}");
                yield return $"cidr:{block["cidr"]}";
                continue;
            }
            Assert.True(peer["namespaceSelector"] is null, $"{chart.ValueSet}: a peer in another namespace that no value names: {peer.ToJsonString()}");
            var labels = peer["podSelector"]!["matchLabels"]!;
            Assert.Equal(RenderedChart.Release, (string?)labels["app.kubernetes.io/instance"]);
            yield return $"pods:{labels["app.kubernetes.io/component"]}";
        }
    }
}
