using System.Text.Json.Nodes;
using Platform.Engine.Tokenizers;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

[Collection(ServingCollection.Name)]
public class CompletionsTests(ServingServer server)
{
    // Commands/ServeCommandTests covers case 0 as a text prompt (and streamed == whole); these send the reference prompt ids.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task GreedyCompletion_OfGoldenPromptIds_ReturnsTheReferenceTokensAsText(int index)
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(ServingServer.ModelsFolder, "tiny-llama", "golden.json")))!["cases"]![index]!;
        var prompt = golden["prompt_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        var greedy = golden["greedy_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        var tokenizer = TokenizerLoader.Load(Path.Combine(ServingServer.ModelsFolder, "tiny-llama"));

        var (status, body) = await server.PostJsonAsync("/v1/completions",
            $$"""{"model":"llama","prompt":[{{string.Join(',', prompt)}}],"max_tokens":{{greedy.Length}},"temperature":0}""");

        Assert.Equal(200, status);
        var choice = body["choices"]![0]!;
        // Output text is the generated ids decoded on their own, as the shared goldens decode them.
        Assert.Equal(tokenizer.Decode(greedy, skipSpecialTokens: true), choice["text"]!.GetValue<string>());
        Assert.Equal("length", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal(prompt.Length, body["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(greedy.Length, body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task StopTokenIds_EndTheGreedyCompletionAtThatToken()
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(ServingServer.ModelsFolder, "tiny-llama", "golden.json")))!["cases"]![1]!;
        var prompt = golden["prompt_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        var greedy = golden["greedy_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        var stopAt = Array.IndexOf(greedy, greedy[2]);

        var (status, body) = await server.PostJsonAsync("/v1/completions",
            $$"""{"model":"llama","prompt":[{{string.Join(',', prompt)}}],"max_tokens":{{greedy.Length}},"temperature":0,"stop_token_ids":[{{greedy[2]}}]}""");
        var (outside, error) = await server.PostJsonAsync("/v1/completions",
            """{"model":"llama","prompt":"hi","max_tokens":2,"stop_token_ids":[99999999]}""");

        Assert.Equal(200, status);
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        // The stop token ends the completion where greedy first produces it, counted like EOS.
        Assert.Equal(stopAt + 1, body["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.Equal(400, outside);
        Assert.Equal("stop_token_ids", error["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task SixteenConcurrentGreedyRequests_EachEqualTheirSequentialResult()
    {
        var prompts = Enumerable.Range(0, 16).Select(i => $"Story {i}: the {(i % 2 == 0 ? "red" : "blue")} fox number {i * 7} said").ToArray();
        var sequential = new List<string>();
        foreach (var prompt in prompts)
            sequential.Add(await CompleteAsync(prompt));

        var concurrent = await Task.WhenAll(prompts.Select(CompleteAsync));

        Assert.Equal(sequential, concurrent);
        Assert.True(sequential.Distinct().Count() > 1, "different prompts gave different completions");
    }

    private async Task<string> CompleteAsync(string prompt)
    {
        var (status, body) = await server.PostJsonAsync("/v1/completions",
            new JsonObject { ["model"] = "llama", ["prompt"] = prompt, ["max_tokens"] = 16, ["temperature"] = 0 }.ToJsonString());
        Assert.Equal(200, status);
        return body["choices"]![0]!["text"]!.GetValue<string>();
    }
}
