using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Helm;

/// <summary>Every pod the chart renders runs as the restricted Pod Security Standard asks, and secrets stay in Secrets.</summary>
public sealed class ChartSecurityTests
{
    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Every_pod_is_non_root_read_only_without_privileges_and_seccomp_confined(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        var templates = chart.PodTemplates().ToList();
        Assert.True(templates.Count >= 2, $"{valueSet}: no workloads rendered");

        foreach (var (owner, template) in templates)
        {
            var pod = template["spec"]!;
            var podContext = pod["securityContext"]!;
            Assert.True((bool?)podContext["runAsNonRoot"] == true, $"{owner}: runAsNonRoot");
            Assert.True((long?)podContext["runAsUser"] is > 0, $"{owner}: runAsUser must be a non-zero uid");
            Assert.True((string?)podContext["seccompProfile"]?["type"] == "RuntimeDefault", $"{owner}: pod seccomp RuntimeDefault");
            foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
                Assert.True((bool?)pod[field] != true, $"{owner}: {field}");
            var containers = pod["containers"]!.AsArray().Concat(pod["initContainers"]?.AsArray() ?? []).ToList();
            foreach (var container in containers)
            {
                var where = $"{owner} container {container!["name"]}";
                var context = container["securityContext"] ?? throw new Xunit.Sdk.XunitException($"{where}: no securityContext");
                Assert.True((bool?)context["runAsNonRoot"] == true, $"{where}: runAsNonRoot");
                Assert.True((bool?)context["readOnlyRootFilesystem"] == true, $"{where}: readOnlyRootFilesystem");
                Assert.True((bool?)context["allowPrivilegeEscalation"] == false, $"{where}: allowPrivilegeEscalation false");
                Assert.True((bool?)context["privileged"] != true, $"{where}: privileged");
                Assert.Equal(["ALL"], context["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
                Assert.Null(context["capabilities"]!["add"]);
                Assert.True((string?)context["seccompProfile"]?["type"] == "RuntimeDefault", $"{where}: seccomp RuntimeDefault");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Writable_paths_are_only_emptyDirs_and_claims_and_other_volumes_are_read_only(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        foreach (var owner in chart.Objects.Where(o => (string?)o["kind"] is "StatefulSet" or "Deployment"))
        {
            var pod = owner["spec"]!["template"]!["spec"]!;
            var volumes = (pod["volumes"]?.AsArray() ?? []).ToDictionary(v => (string)v!["name"]!, v => v!);
            var claims = (owner["spec"]!["volumeClaimTemplates"]?.AsArray() ?? []).Select(c => (string)c!["metadata"]!["name"]!).ToHashSet();
            foreach (var container in pod["containers"]!.AsArray())
            {
                foreach (var mount in container!["volumeMounts"]!.AsArray())
                {
                    var name = (string)mount!["name"]!;
                    var where = $"{owner["kind"]}/{owner["metadata"]!["name"]} mount {name} at {mount["mountPath"]}";
                    Assert.True(volumes.ContainsKey(name) || claims.Contains(name), $"{where}: no such volume");
                    Assert.False(volumes.TryGetValue(name, out var hostVolume) && hostVolume["hostPath"] is not null, $"{where}: hostPath");
                    if ((bool?)mount["readOnly"] == true)
                        continue;
                    var writable = claims.Contains(name) || volumes[name]["emptyDir"] is not null;
                    Assert.True(writable, $"{where}: writable, but neither an emptyDir nor a volume claim template");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Database_url_api_key_and_hub_token_come_from_Secrets(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        foreach (var component in new[] { "silo", "api" })
        {
            var kind = component == "silo" ? "StatefulSet" : "Deployment";
            var container = chart.Container(kind, component);
            var env = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);
            Assert.Equal("$(PLATFORM_DATABASE_URL)", RenderedChart.Flag(container, "--cluster"));
            Assert.NotNull(env["PLATFORM_DATABASE_URL"]["valueFrom"]!["secretKeyRef"]);
            foreach (var (name, variable) in env)
                Assert.False(((string?)variable["value"])?.Contains("://", StringComparison.Ordinal) == true && ((string?)variable["value"])!.Contains('@'), $"{component}: {name} holds a URL with credentials");
            if (RenderedChart.Args(container).Contains("--api-key"))
            {
                Assert.Equal("$(PLATFORM_API_KEY)", RenderedChart.Flag(container, "--api-key"));
                Assert.NotNull(env["PLATFORM_API_KEY"]["valueFrom"]!["secretKeyRef"]);
            }
            if (env.TryGetValue("HF_TOKEN", out var token))
                Assert.NotNull(token["valueFrom"]!["secretKeyRef"]);
        }
        if (valueSet == "gpu")
        {
            Assert.Contains("--api-key", RenderedChart.Args(chart.Container("Deployment", "api")));
            Assert.Contains(chart.Container("StatefulSet", "silo")["env"]!.AsArray(), e => (string?)e!["name"] == "HF_TOKEN");
        }
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Only_silos_get_a_service_account_token_and_their_Role_is_exactly_what_Orleans_Kubernetes_hosting_uses(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        foreach (var (owner, template) in chart.PodTemplates())
        {
            var isSilo = (string?)template["metadata"]!["labels"]!["app.kubernetes.io/component"] == "silo";
            Assert.True((bool?)template["spec"]!["automountServiceAccountToken"] == isSilo, $"{owner}: automountServiceAccountToken must be {isSilo}");
        }
        var role = chart.Single("Role", "silo");
        var rule = Assert.Single(role["rules"]!.AsArray())!;
        Assert.Equal([""], rule["apiGroups"]!.AsArray().Select(g => (string)g!));
        Assert.Equal(["pods"], rule["resources"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["get", "list", "watch", "patch"], rule["verbs"]!.AsArray().Select(v => (string)v!));
        var binding = chart.Single("RoleBinding", "silo");
        Assert.Equal((string?)role["metadata"]!["name"], (string?)binding["roleRef"]!["name"]);
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;
        Assert.Equal((string?)chart.Single("StatefulSet", "silo")["spec"]!["template"]!["spec"]!["serviceAccountName"], (string?)subject["name"]);
        Assert.Empty(chart.OfKind("ClusterRole"));
    }
}
