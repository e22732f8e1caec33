namespace Platform.Silo.Tests.Observability;

/// <summary>helm/platform/files/prometheus-rules.yaml as promtool sees it: valid, and each alert fires exactly when it should.</summary>
public sealed class PrometheusRulesTests
{
    [Fact]
    public async Task Rules_file_passes_promtool_check()
    {
        var (exitCode, output) = await PrometheusServer.PromtoolAsync(SharedData.RepoRoot, "check", "rules", "helm/platform/files/prometheus-rules.yaml");
        Assert.True(exitCode == 0, $"promtool check rules exited {exitCode}:\n{output}");
    }

    [Fact]
    public async Task Alerts_fire_on_bad_data_and_stay_quiet_on_healthy_data()
    {
        // The test file names the rules file relative to itself, so promtool runs from the source folder, not bin/.
        var (exitCode, output) = await PrometheusServer.PromtoolAsync(
            Path.Combine(SharedData.RepoRoot, "tests", "Silo.Tests", "Observability"), "test", "rules", "prometheus-rules.test.yaml");
        Assert.True(exitCode == 0, $"promtool test rules exited {exitCode}:\n{output}");
    }
}
