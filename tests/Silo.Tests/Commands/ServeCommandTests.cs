using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Silo.Tests.Commands;

/// <summary>`platform serve` as a user runs it: a real process on a free port serving tiny-llama, called over HTTP.</summary>
public sealed partial class ServeCommandTests
{
    const string Model = "tiny-llama";

    static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above the test binaries.");
    }

    static string ModelPath => Path.Combine(RepoRoot(), "..", "shared", "models", Model);

    [GeneratedRegex(@"OpenAI-compatible API: (http://\S+)/v1")]
    private static partial Regex ListeningLine();

    [Fact]
    public async Task GreedyCompletionMatchesTheReferenceAndStreamingMatchesTheWholeAnswer()
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(ModelPath, "golden.json")))!["cases"]![0]!;
        var greedyIds = golden["greedy_ids"]!.AsArray().Select(i => (int)i!).ToArray();
        await using var server = await ServeProcess.StartAsync(ModelPath);
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        var request = $$"""{"model":"{{Model}}","prompt":{{golden["prompt"]!.ToJsonString()}},"max_tokens":{{greedyIds.Length}},"temperature":0""";

        var whole = await PostJsonAsync(client, "/v1/completions", request + "}");
        var reference = await PostJsonAsync(client, "/detokenize", $$"""{"model":"{{Model}}","tokens":[{{string.Join(",", greedyIds)}}]}""");
        var streamed = await PostAsync(client, "/v1/completions", request + ""","stream":true,"stream_options":{"include_usage":true}}""");

        var choice = whole["choices"]![0]!;
        Assert.Equal((string?)reference["prompt"], (string?)choice["text"]);
        Assert.Equal("length", (string?)choice["finish_reason"]);
        var promptIds = golden["prompt_ids"]!.AsArray().Count;
        Assert.Equal((promptIds, greedyIds.Length), ((int)whole["usage"]!["prompt_tokens"]!, (int)whole["usage"]!["completion_tokens"]!));
        Assert.EndsWith("data: [DONE]\n\n", streamed);
        var events = streamed.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.Equal((string?)choice["text"], string.Concat(events.SkipLast(1).Select(e => (string?)e["choices"]![0]!["text"])));
        Assert.Equal(greedyIds.Length, (int)events[^1]["usage"]!["completion_tokens"]!);
    }

    static async Task<JsonNode> PostJsonAsync(HttpClient client, string path, string json) => JsonNode.Parse(await PostAsync(client, path, json))!;

    static async Task<string> PostAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>A `platform serve` child process; disposing kills it.</summary>
    sealed class ServeProcess : IAsyncDisposable
    {
        readonly Process _process;

        ServeProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<ServeProcess> StartAsync(string modelPath)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "platform.dll"), "serve", "--model", modelPath,
                         "--served-model-name", Model, "--port", "0", "--kv-cache-memory", "32MB" })
                start.ArgumentList.Add(argument);
            var process = Process.Start(start)!;
            var log = new StringBuilder();
            _ = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
                {
                    log.AppendLine(line);
                    if (ListeningLine().Match(line) is { Success: true } match)
                    {
                        _ = process.StandardError.ReadToEndAsync();
                        return new ServeProcess(process, new Uri(match.Groups[1].Value));
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"platform serve did not start listening:\n{log}");
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
