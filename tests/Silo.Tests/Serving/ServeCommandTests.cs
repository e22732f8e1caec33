using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>`platform serve` as a child process: it serves what its flags say, and refuses bad flags before loading anything.</summary>
public partial class ServeCommandTests
{
    private static readonly string TinyLlama = Path.Combine(ServingServer.ModelsFolder, "tiny-llama");

    [Fact]
    public async Task Serve_OnAFreePort_AnswersUnderItsServedModelName()
    {
        using var process = Start("serve", "--model", TinyLlama, "--served-model-name", "tiny", "--port", "0", "--kv-cache-memory", "8MiB");
        try
        {
            var url = await ReadApiUrlAsync(process);
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };

            var models = JsonNode.Parse(await client.GetStringAsync("/v1/models"))!;
            Assert.Equal(["tiny"], models["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
            using var response = await client.PostAsync("/v1/completions", new StringContent(
                """{"model":"tiny","prompt":"Hello","max_tokens":3,"temperature":0}""", System.Text.Encoding.UTF8, "application/json"));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(3, body["usage"]!["completion_tokens"]!.GetValue<int>());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("--idle-timeout", "0")]
    [InlineData("--max-num-seqs", "0")]
    [InlineData("--max-waiting", "0")]
    [InlineData("--replicas", "0")]
    public async Task Serve_WithAnImpossibleLimit_ExitsWithAnErrorNamingTheFlag(string flag, string value)
    {
        using var process = Start("serve", "--model", TinyLlama, "--port", "0", flag, value);

        var (exit, stderr) = await WaitForExitAsync(process);

        Assert.Equal(1, exit);
        Assert.Contains(flag, stderr);
    }

    [Fact]
    public async Task Serve_WithAMissingModelPath_ExitsWithAClearError()
    {
        using var process = Start("serve", "--model", Path.Combine(ServingServer.ModelsFolder, "no-such-model"), "--port", "0");

        var (exit, stderr) = await WaitForExitAsync(process);

        Assert.Equal(1, exit);
        Assert.Contains("no such file or folder", stderr);
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "platform.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>Reads the banner on stderr until it names the API's URL (the port the server bound).</summary>
    private static async Task<string> ReadApiUrlAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var seen = new System.Text.StringBuilder();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (ApiUrl().Match(line) is { Success: true } match)
                return match.Groups[1].Value;
        }
        throw new InvalidOperationException($"platform serve exited without naming its URL:\n{seen}");
    }

    private static async Task<(int ExitCode, string Stderr)> WaitForExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr);
    }

    [GeneratedRegex(@"OpenAI-compatible API: (http://\S+)/v1")]
    private static partial Regex ApiUrl();
}
