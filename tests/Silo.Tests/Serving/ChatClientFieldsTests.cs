using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Engine.Tokenizers;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>What chat and benchmark clients send, through the real server and engines on the random-weight tiny models, greedy.</summary>
[Collection(ServingCollection.Name)]
public class ChatClientFieldsTests(ServingServer server)
{
    private const int LlamaEos = 2;

    private async Task<JsonNode> CompleteAsync(string extra, int maxTokens = 6)
    {
        var (status, body) = await server.PostJsonAsync("/v1/completions",
            $$"""{"model":"llama","prompt":"Once upon a time","max_tokens":{{maxTokens}},"temperature":0{{extra}}}""");
        Assert.True(status == 200, body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task LogitBias_Minus100BansTheGreedyToken_AndPlus100ForcesOne()
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(ServingServer.ModelsFolder, "tiny-llama", "golden.json")))!["cases"]![1]!;
        var prompt = string.Join(',', golden["prompt_ids"]!.AsArray().Select(n => n!.GetValue<int>()));
        var greedy = golden["greedy_ids"]!.AsArray().Select(n => n!.GetValue<int>()).Take(6).ToArray();
        var tokenizer = TokenizerLoader.Load(Path.Combine(ServingServer.ModelsFolder, "tiny-llama"));
        var forcedToken = Enumerable.Range(400, 100).First(t => !greedy.Contains(t));

        async Task<string> Text(string extra)
        {
            var (status, body) = await server.PostJsonAsync("/v1/completions",
                $$"""{"model":"llama","prompt":[{{prompt}}],"max_tokens":6,"temperature":0,"ignore_eos":true{{extra}}}""");
            Assert.True(status == 200, body.ToJsonString());
            return (string)body["choices"]![0]!["text"]!;
        }

        var plain = await Text("");
        var banned = await Text($$""","logit_bias":{"{{greedy[0]}}":-100}""");
        var forced = await Text($$""","logit_bias":{"{{forcedToken}}":100}""");

        Assert.Equal(tokenizer.Decode(greedy, skipSpecialTokens: true), plain);
        Assert.NotEqual(plain, banned);
        Assert.Equal(tokenizer.Decode(Enumerable.Repeat(forcedToken, 6).ToArray(), skipSpecialTokens: true), forced);
    }

    [Fact]
    public async Task LogitBias_OutsideTheVocabulary_IsA400NamingTheField()
    {
        var (status, body) = await server.PostJsonAsync("/v1/chat/completions",
            """{"model":"qwen","messages":[{"role":"user","content":"hi"}],"max_tokens":2,"logit_bias":{"99999":5}}""");

        Assert.Equal(400, status);
        Assert.Equal("logit_bias", (string?)body["error"]!["param"]);
        Assert.Contains("vocabulary", (string?)body["error"]!["message"]);
    }

    [Fact]
    public async Task IgnoreEos_RunsPastAForcedEosToMaxTokens_AndMinTokensHoldsItBack()
    {
        var bias = $$""","logit_bias":{"{{LlamaEos}}":100}""";

        var stopped = await CompleteAsync(bias);
        var ignored = await CompleteAsync(bias + ""","ignore_eos":true""");
        var held = await CompleteAsync(bias + ""","min_tokens":3""");

        Assert.Equal(("stop", 1), Finish(stopped));
        Assert.Equal(("length", 6), Finish(ignored));
        // EOS is banned for three tokens, then it is the fourth.
        Assert.Equal(("stop", 4), Finish(held));
    }

    [Fact]
    public async Task TopKOfOne_SamplesTheGreedyTokens_AtAnyTemperature()
    {
        var greedy = await CompleteAsync("", maxTokens: 8);
        var (status, topK) = await server.PostJsonAsync("/v1/completions",
            """{"model":"llama","prompt":"Once upon a time","max_tokens":8,"temperature":1.5,"top_k":1,"seed":3}""");

        Assert.Equal(200, status);
        Assert.Equal((string)greedy["choices"]![0]!["text"]!, (string)topK["choices"]![0]!["text"]!);
    }

    [Fact]
    public async Task MaxCompletionTokens_WinsOverMaxTokens()
    {
        var (status, body) = await server.PostJsonAsync("/v1/chat/completions",
            """{"model":"qwen","messages":[{"role":"user","content":"hi"}],"max_tokens":9,"max_completion_tokens":3,"ignore_eos":true,"temperature":0}""");

        Assert.Equal(200, status);
        Assert.Equal(3, body["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.Equal("length", (string?)body["choices"]![0]!["finish_reason"]);
    }

    [Fact]
    public async Task NChoices_PrefillTheSharedPromptOnce_TheOthersHitThePrefixCacheForItsFullBlocks()
    {
        var story = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"word{i}"));
        var before = await PrefixCacheAsync();

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions",
            new JsonObject
            {
                ["model"] = "qwen", ["n"] = 3, ["max_tokens"] = 2, ["temperature"] = 0,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = story }),
            }.ToJsonString());
        var after = await PrefixCacheAsync();

        Assert.Equal(200, status);
        var prompt = body["usage"]!["prompt_tokens"]!.GetValue<int>();
        var fullBlocks = (prompt - 1) / 16 * 16;
        Assert.True(fullBlocks >= 32, $"the prompt ({prompt} tokens) spans several blocks");
        Assert.Equal(3 * prompt, after.Queries - before.Queries);
        // The first choice computes the prompt; the two others find every full block of it cached.
        Assert.Equal(2 * fullBlocks, after.Hits - before.Hits);
    }

    private static (string, int) Finish(JsonNode body) =>
        ((string)body["choices"]![0]!["finish_reason"]!, body["usage"]!["completion_tokens"]!.GetValue<int>());

    private async Task<(double Queries, double Hits)> PrefixCacheAsync()
    {
        var scrape = await server.Client.GetStringAsync("/metrics");
        return (Sum(scrape, "vllm:prefix_cache_queries_total"), Sum(scrape, "vllm:prefix_cache_hits_total"));
    }

    private static double Sum(string scrape, string name) =>
        scrape.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains("model_name=\"qwen\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
