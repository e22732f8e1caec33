using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Commands;

/// <summary>`platform serve` as a user runs it: a real process on a free port serving a tiny model, called over HTTP.</summary>
public sealed class ServeCommandTests
{
    static string ModelPath(string model) => SharedData.Path("models", model);

    /// <summary>`platform serve --model {model}` on a free port, once its model is loaded.</summary>
    static async Task<ServerProcess> StartServeAsync(string model)
    {
        var server = await ServerProcess.StartAsync("serve", "--model", ModelPath(model), "--served-model-name", model, "--port", "0", "--kv-cache-memory", "32MB");
        await server.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
        return server;
    }

    static JsonNode Golden(string model) => JsonNode.Parse(File.ReadAllText(Path.Combine(ModelPath(model), "golden.json")))!["cases"]![0]!;

    static IReadOnlyList<JsonNode> Events(string stream)
    {
        Assert.EndsWith("data: [DONE]\n\n", stream);
        return stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
    }

    [Fact]
    public async Task GreedyCompletionMatchesTheReferenceAndStreamingMatchesTheWholeAnswer()
    {
        var golden = Golden("tiny-llama");
        var greedyIds = golden["greedy_ids"]!.AsArray().Select(i => (int)i!).ToArray();
        await using var server = await StartServeAsync("tiny-llama");
        using var client = server.CreateClient();
        var request = $$"""{"model":"tiny-llama","prompt":{{golden["prompt"]!.ToJsonString()}},"max_tokens":{{greedyIds.Length}},"temperature":0""";

        var whole = await PostJsonAsync(client, "/v1/completions", request + "}");
        var reference = await PostJsonAsync(client, "/detokenize", $$"""{"model":"tiny-llama","tokens":[{{string.Join(",", greedyIds)}}]}""");
        var streamed = await PostAsync(client, "/v1/completions", request + ""","stream":true,"stream_options":{"include_usage":true}}""");

        var choice = whole["choices"]![0]!;
        Assert.Equal((string?)reference["prompt"], (string?)choice["text"]);
        Assert.Equal("length", (string?)choice["finish_reason"]);
        var promptIds = golden["prompt_ids"]!.AsArray().Count;
        Assert.Equal((promptIds, greedyIds.Length), ((int)whole["usage"]!["prompt_tokens"]!, (int)whole["usage"]!["completion_tokens"]!));
        var events = Events(streamed);
        Assert.Equal((string?)choice["text"], string.Concat(events.SkipLast(1).Select(e => (string?)e["choices"]![0]!["text"])));
        Assert.Equal(greedyIds.Length, (int)events[^1]["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task GreedyChatMatchesTheReferenceStreamedOrWholeAndSessionsKeepTheirTurns()
    {
        var golden = Golden("tiny-qwen2");
        var greedy = golden["greedy_ids"]!.AsArray().Count;
        await using var server = await StartServeAsync("tiny-qwen2");
        using var client = server.CreateClient();
        var request = $$"""{"model":"tiny-qwen2","messages":{{golden["messages"]!.ToJsonString()}},"max_tokens":{{greedy}},"temperature":0""";

        var whole = await PostJsonAsync(client, "/v1/chat/completions", request + "}");
        var streamed = Events(await PostAsync(client, "/v1/chat/completions", request + ""","stream":true}"""));
        var first = await PostJsonAsync(client, "/v1/chat/completions", request + "}", "conv-1");
        var second = await PostJsonAsync(client, "/v1/chat/completions",
            """{"model":"tiny-qwen2","messages":[{"role":"user","content":"And again?"}],"max_tokens":4,"temperature":0}""", "conv-1");
        var transcript = await client.GetFromJsonAsync<JsonNode>("/v1/sessions/conv-1");

        var reply = (string?)whole["choices"]![0]!["message"]!["content"];
        Assert.Equal((string?)golden["greedy_text"], reply);
        Assert.Equal(golden["prompt_ids"]!.AsArray().Count, (int)whole["usage"]!["prompt_tokens"]!);
        Assert.Equal("assistant", (string?)streamed[0]["choices"]![0]!["delta"]!["role"]);
        Assert.Equal(reply, string.Concat(streamed.Select(e => (string?)e["choices"]![0]!["delta"]!["content"])));
        Assert.Equal(reply, (string?)first["choices"]![0]!["message"]!["content"]);
        var messages = transcript!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal([reply, (string?)second["choices"]![0]!["message"]!["content"]], new[] { messages[1]!, messages[3]! }.Select(m => (string?)m["content"]));
    }

    static async Task<JsonNode> PostJsonAsync(HttpClient client, string path, string json, string? session = null) =>
        JsonNode.Parse(await PostAsync(client, path, json, session))!;

    static async Task<string> PostAsync(HttpClient client, string path, string json, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (session is not null)
            request.Headers.Add("X-Session-Id", session);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }
}
