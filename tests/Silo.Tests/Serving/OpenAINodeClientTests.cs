using System.Diagnostics;
using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>The official OpenAI Node client (openai 6.30.1, tests/Silo.Tests/openai-node) against the real server.</summary>
[Collection(ServingCollection.Name)]
public class OpenAINodeClientTests(ServingServer server)
{
    [Fact]
    public async Task OfficialNodeClient_ListsModels_ChatsWholeAndStreamed_AndCompletes()
    {
        var folder = Path.Combine(SharedData.RepoRoot, "tests", "Silo.Tests", "openai-node");
        if (!File.Exists(Path.Combine(folder, "node_modules", "openai", "package.json")))
        {
            var (code, output) = await RunAsync(folder, "npm", ["ci", "--no-audit", "--no-fund"], null);
            Assert.True(code == 0, $"npm ci failed:\n{output}");
        }

        var (exit, printed) = await RunAsync(folder, "node", ["check.mjs"], server.Host.Url);

        Assert.True(exit == 0, $"check.mjs failed:\n{printed}");
        var result = JsonNode.Parse(printed.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
        Assert.Equal([ServingServer.Qwen, ServingServer.Llama], result["models"]!.AsArray().Select(m => m!.GetValue<string>()));

        var chat = result["chat"]!;
        var stream = result["stream"]!;
        Assert.Equal("assistant", chat["role"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(chat["text"]!.GetValue<string>()));
        Assert.Equal(chat["text"]!.GetValue<string>(), stream["text"]!.GetValue<string>());
        Assert.Equal("assistant", stream["first_role"]!.GetValue<string>());
        Assert.Equal(chat["finish_reason"]!.GetValue<string>(), stream["finish_reason"]!.GetValue<string>());
        Assert.Equal(12, chat["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.Equal(chat["usage"]!["prompt_tokens"]!.GetValue<int>(), stream["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(chat["usage"]!["completion_tokens"]!.GetValue<int>(), stream["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.True(stream["chunks"]!.GetValue<int>() > 2);

        var completion = result["completion"]!;
        Assert.False(string.IsNullOrEmpty(completion["text"]!.GetValue<string>()));
        Assert.Equal(8, completion["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    /// <summary>Runs a tool in <paramref name="folder"/>; returns its exit code and stdout (with stderr appended on failure).</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string folder, string tool, string[] arguments, string? baseUrl)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (baseUrl is not null)
            start.Environment["PLATFORM_BASE_URL"] = baseUrl;
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
