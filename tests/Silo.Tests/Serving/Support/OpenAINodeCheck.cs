using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Serving.Support;

/// <summary>Runs the official OpenAI Node client (openai 6.30.1, a script in tests/Silo.Tests/openai-node) against a base URL.</summary>
internal static class OpenAINodeCheck
{
    // Test classes run in parallel: one npm ci at a time, or two would unpack into the same node_modules.
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>Installs the client on first use, runs <paramref name="script"/> against <paramref name="baseUrl"/> and returns the JSON it printed last.</summary>
    public static async Task<JsonNode> RunAsync(string baseUrl, string script = "check.mjs", IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = Path.Combine(SharedData.RepoRoot, "tests", "Silo.Tests", "openai-node");
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")))
            {
                var (code, output) = await RunAsync(folder, "npm", ["ci", "--no-audit", "--no-fund"], null);
                Assert.True(code == 0, $"npm ci failed:\n{output}");
            }
        }
        finally
        {
            Install.Release();
        }
        var (exit, printed) = await RunAsync(folder, "node", [script], baseUrl, environment);
        Assert.True(exit == 0, $"{script} failed:\n{printed}");
        return JsonNode.Parse(printed.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
    }

    /// <summary>Runs a tool in <paramref name="folder"/>; returns its exit code and stdout (with stderr appended on failure).</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string folder, string tool, string[] arguments, string? baseUrl,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (baseUrl is not null)
            start.Environment["PLATFORM_BASE_URL"] = baseUrl;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }
        var output = await stdout;
        return (process.ExitCode, process.ExitCode == 0 ? output : $"{output}\n{await stderr}");
    }
}
