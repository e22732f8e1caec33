using System.Diagnostics;
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
    [InlineData("--max-waiting", "0")]
    [InlineData("--replicas", "0")]
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

    [Theory]
    [InlineData("serve", "--state", "postgres://u:p@127.0.0.1:1/db", "--cluster")]
    [InlineData("silo", "--replicas", "1", "--cluster")]
    [InlineData("api", "--port", "0", "--cluster")]
    [InlineData("serve", "--cluster", "postgres://", "postgres://")]
    [InlineData("serve", "--advertise-address", "my-host", "--advertise-address")]
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

    private static async Task<(int ExitCode, string Stderr)> WaitForExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr);
    }
}
