using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting.Kubernetes;
using Platform.Silo.Commands;
using Platform.Silo.Hosting;
using Platform.Silo.Tests.Commands;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>`platform serve` as a child process refuses flags it cannot honour before it loads or listens, naming the flag.</summary>
public class ServeCommandFlagTests
{
    private static readonly string TinyLlama = Path.Combine(ServingServer.ModelsFolder, "tiny-llama");

    [Theory]
    [InlineData("--idle-timeout", "0")]
    [InlineData("--max-num-seqs", "0")]
    [InlineData("--max-prefill-tokens-with-decodes", "0")]
    [InlineData("--decode-latency-factor", "0.5")]
    [InlineData("--long-prefill-wait-ms", "-1")]
    [InlineData("--max-waiting", "0")]
    [InlineData("--replicas", "0")]
    [InlineData("--breaker-failures", "-1")]
    [InlineData("--breaker-cooldown", "0")]
    [InlineData("--shared-prefix-cache", "not-served")]
    [InlineData("--alias", "chat=not-served:1")]
    public async Task Serve_WithAnImpossibleLimit_ExitsWithAnErrorNamingTheFlag(string flag, string value)
    {
        using var process = PlatformProcess.Start("serve", "--model", TinyLlama, "--port", "0", flag, value);

        var (exit, stderr) = await WaitForExitAsync(process);

        Assert.Equal(1, exit);
        Assert.Contains(flag, stderr);
    }

    [Fact]
    public async Task Serve_WithAMissingModelPath_ExitsWithAClearError()
    {
        using var process = PlatformProcess.Start("serve", "--model", Path.Combine(ServingServer.ModelsFolder, "no-such-model"), "--port", "0");

        var (exit, stderr) = await WaitForExitAsync(process);

        Assert.Equal(1, exit);
        Assert.Contains("no such file or folder", stderr);
    }

    [Fact]
    public async Task Serve_WithAnUnreadableChatTemplate_ExitsWith2NamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-template-{Guid.NewGuid():N}.jinja");
        using var process = PlatformProcess.Start("serve", "--model", TinyLlama, "--port", "0", "--chat-template", missing);

        var (exit, stderr) = await WaitForExitAsync(process);

        Assert.Equal(2, exit);
        Assert.Contains(missing, stderr);
        Assert.Contains("cannot be read", stderr);
    }

    [Fact]
    public async Task Serve_WithAChatTemplateThatDoesNotParse_ExitsWith2NamingTheFileAndTheError()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-template-{Guid.NewGuid():N}.jinja");
        await File.WriteAllTextAsync(broken, "{% for message in messages %}{{ message['content'] }}");
        try
        {
            using var process = PlatformProcess.Start("silo", "--model", TinyLlama, "--cluster", "postgres://u:p@127.0.0.1:1/db", "--chat-template", broken);

            var (exit, stderr) = await WaitForExitAsync(process);

            Assert.Equal(2, exit);
            Assert.Contains(broken, stderr);
            Assert.Contains("does not parse", stderr);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Theory]
    [InlineData("serve", "--state", "postgres://u:p@127.0.0.1:1/db", "--cluster")]
    [InlineData("silo", "--replicas", "1", "--cluster")]
    [InlineData("api", "--port", "0", "--cluster")]
    [InlineData("serve", "--cluster", "postgres://", "postgres://")]
    [InlineData("serve", "--advertise-address", "my-host", "--advertise-address")]
    [InlineData("serve", "--alias", "chat", "NAME=model-a:90,model-b:10")]
    [InlineData("serve", "--alias", "chat=a:0", "add up")]
    public async Task ClusterFlags_ThatCannotWork_ExitWithAUsageErrorNamingWhatToGive(string command, string flag, string value, string named)
    {
        using var process = PlatformProcess.Start(command, flag, value);

        var (exit, stderr) = await WaitForExitAsync(process);

        Assert.Equal(2, exit);
        Assert.Contains(named, stderr);
    }

    [Theory]
    [InlineData("serve", "cuda:0")]
    [InlineData("silo", "cuda:1")]
    [InlineData("serve", "tpu")]
    public async Task Device_OtherThanCpu_ExitsWithAUsageErrorNamingCpu(string command, string device)
    {
        // silo needs --cluster to get as far as its model flags; the database is never reached.
        using var process = PlatformProcess.Start(command, "--model", TinyLlama, "--port", "0", "--cluster", "postgres://u:p@127.0.0.1:1/db", "--device", device);

        var (exit, stderr) = await WaitForExitAsync(process);

        Assert.Equal(2, exit);
        Assert.Contains("--device", stderr);
        Assert.Contains("cpu", stderr);
    }

    private const string Database = "postgres://u:p@127.0.0.1:1/db";

    /// <summary>What the chart's pod spec gives a silo: the downward API's POD_* and the kubelet's service variables.</summary>
    private static readonly Dictionary<string, string?> Pod = new()
    {
        ["POD_NAME"] = "platform-silo-0",
        ["POD_NAMESPACE"] = "llm",
        ["POD_IP"] = "10.1.2.3",
        ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
        ["KUBERNETES_SERVICE_PORT"] = "443",
    };

    /// <summary>A process outside any pod, whatever machine the tests run on.</summary>
    private static readonly Dictionary<string, string?> NoPod = Pod.ToDictionary(kv => kv.Key, _ => (string?)null);

    [Theory]
    [InlineData("api", "--cluster", Database, "silo")]
    [InlineData("serve", "--port", "0", "--cluster")]
    [InlineData("silo", "--cluster", Database, "POD_NAME, POD_NAMESPACE, POD_IP")]
    public async Task Kubernetes_WhereItCannotWork_ExitsWithAUsageErrorNamingWhatToGive(string command, string flag, string value, string named)
    {
        string[] model = command == "api" ? [] : ["--model", TinyLlama];
        using var process = PlatformProcess.Start(NoPod, [command, .. model, flag, value, "--kubernetes"]);

        var (exit, stderr) = await WaitForExitAsync(process);

        Assert.Equal(2, exit);
        Assert.Contains("--kubernetes", stderr);
        Assert.Contains(named, stderr);
    }

    [Fact]
    public void Kubernetes_InAPod_IsAcceptedAndAdvertisesThePodIp()
    {
        var options = ReadSiloFlags(Pod, podHasToken: true, "--cluster", Database, "--kubernetes");

        Assert.True(options.Cluster.Kubernetes);
        Assert.Equal("10.1.2.3", options.Cluster.AdvertiseAddress);
    }

    [Fact]
    public void Kubernetes_WithAnAdvertiseAddress_KeepsItAndNeedsNoPodIp()
    {
        var pod = new Dictionary<string, string?>(Pod) { ["POD_IP"] = null };

        var options = ReadSiloFlags(pod, podHasToken: true, "--cluster", Database, "--kubernetes", "--advertise-address", "10.9.9.9");

        Assert.Equal("10.9.9.9", options.Cluster.AdvertiseAddress);
    }

    [Fact]
    public void Kubernetes_WithoutTheServiceAccountToken_IsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => ReadSiloFlags(Pod, podHasToken: false, "--cluster", Database, "--kubernetes"));

        Assert.Contains(KubernetesPod.TokenPath, error.Message);
    }

    [Fact]
    public void Kubernetes_OutsideAPod_IsRefusedNamingTheKubernetesService()
    {
        var pod = new Dictionary<string, string?>(Pod) { ["KUBERNETES_SERVICE_HOST"] = null };

        var error = Assert.Throws<ArgumentException>(() => ReadSiloFlags(pod, podHasToken: true, "--cluster", Database, "--kubernetes"));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Kubernetes_TurnsOnOrleansKubernetesHosting_OnlyWhenGiven(bool kubernetes)
    {
        var options = new ServeOptions
        {
            Role = HostRole.Silo,
            Cluster = new ClusterSettings { DatabaseUrl = Database, Kubernetes = kubernetes },
        };
        var builder = Host.CreateApplicationBuilder();

        builder.UseOrleans(silo => SiloSetup.Configure(silo, options));

        Assert.Equal(kubernetes, builder.Services.Any(d => d.ImplementationType == typeof(KubernetesClusterAgent)));
    }

    /// <summary>`platform silo`'s cluster flags read in this process, with <paramref name="environment"/> as the pod's.</summary>
    private static ServeOptions ReadSiloFlags(IReadOnlyDictionary<string, string?> environment, bool podHasToken, params string[] arguments)
    {
        var command = new Command("silo");
        var flags = new ClusterFlags(clusterRequired: true, defaultPort: 8001, hostsSilo: true);
        flags.AddTo(command);
        var parsed = command.Parse(arguments);
        Assert.Empty(parsed.Errors);
        return flags.Read(parsed, new ServeOptions { Role = HostRole.Silo }, name => environment.GetValueOrDefault(name), path => podHasToken && path == KubernetesPod.TokenPath);
    }

    private static async Task<(int ExitCode, string Stderr)> WaitForExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr);
    }
}
