using Xunit.Abstractions;

namespace Platform.Silo.Tests.Helm;

/// <summary>helm/platform with a real Helm v4: lint --strict, render and validate against Kubernetes' schemas, per value set.</summary>
public sealed class ChartRenderTests(ITestOutputHelper output)
{
    // Kinds no schema package on the registries here covers; each is still checked by its own tests.
    private static readonly Dictionary<string, string> Unschematized = new()
    {
        ["CiliumNetworkPolicy"] = "Cilium's CRD (cilium.io/v2); ChartNetworkPolicyTests checks its rules",
    };

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Lint_strict_passes(string valueSet)
    {
        var tools = await HelmTools.GetAsync();

        var (code, stdout, stderr) = await tools.HelmAsync(["lint", "--strict", HelmTools.ChartFolder, .. RenderedChart.ValuesArguments(valueSet)]);

        Assert.True(code == 0, $"helm lint --strict ({valueSet}) exited {code}:\n{stdout}\n{stderr}");
    }

    [Theory]
    [MemberData(nameof(RenderedChart.All), MemberType = typeof(RenderedChart))]
    public async Task Every_rendered_object_matches_its_Kubernetes_schema(string valueSet)
    {
        var chart = await RenderedChart.GetAsync(valueSet);
        var tools = await HelmTools.GetAsync();
        output.WriteLine($"{valueSet}: {chart.Objects.Count} objects, {chart.Text.Split('\n').Length - 1} lines, {System.Text.Encoding.UTF8.GetByteCount(chart.Text)} bytes");

        var results = await tools.ValidateAsync(chart.Objects);

        Assert.Equal(chart.Objects.Count, results.Count);
        var problems = results.Where(r => (string?)r["status"] switch
        {
            "valid" => false,
            "no-schema" => !Unschematized.ContainsKey((string)r["kind"]!),
            _ => true,
        }).Select(r => r.ToJsonString()).ToList();
        Assert.True(problems.Count == 0, $"{valueSet}:\n{string.Join('\n', problems)}");
    }

    [Theory]
    [InlineData("--set", "silo.device=cuda:0", "CPU only")]
    [InlineData("--set", "silo.engineReplicas=3", "silo.engineReplicas=auto")]
    [InlineData("--set", "cluster.database.existingSecret=", "cluster.database.existingSecret")]
    [InlineData("--set", "postgresql.enabled=true", "not both")]
    [InlineData("--set", "autoscaling.provider=vpa", "hpa (prometheus-adapter) or keda")]
    [InlineData("--set", "postgresql.enabled=true,cluster.database.existingSecret=,postgresql.password=a@b", "postgresql.password")]
    public async Task Values_that_cannot_work_fail_the_render_naming_what_to_change(string set, string values, string named)
    {
        var tools = await HelmTools.GetAsync();

        var (code, _, stderr) = await tools.HelmAsync("template", RenderedChart.Release, HelmTools.ChartFolder, set, values);

        Assert.NotEqual(0, code);
        Assert.Contains(named, stderr);
    }
}
