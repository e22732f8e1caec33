using System.Text.Json.Nodes;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>Tool calling through the official OpenAI Node client against the real server and a model with Qwen2.5's template.</summary>
public sealed class ToolCallingTests(ToolModelServer server) : IClassFixture<ToolModelServer>
{
    const string Tools = """
        [{"type":"function","function":{"name":"get_weather","description":"Current weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]
        """;

    const string Messages = """
        [{"role":"user","content":"Weather in Oslo?"},
         {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
         {"role":"tool","tool_call_id":"call_1","content":"sunny, 4 C"},
         {"role":"user","content":"And tomorrow?"}]
        """;

    /// <summary>The prompt the server should build: the history and tools rendered by the model's template, encoded.</summary>
    int ExpectedPromptTokens()
    {
        var assets = ModelAssets.Load(server.ModelFolder);
        List<ChatMessageData> messages =
        [
            new("user", "Weather in Oslo?"),
            new("assistant", "", null, [new ToolCallData("call_1", "get_weather", "{\"city\":\"Oslo\"}")]),
            new("tool", "sunny, 4 C", null, null, "call_1"),
            new("user", "And tomorrow?"),
        ];
        var rendered = assets.RenderChat(messages, addGenerationPrompt: true, Tools);
        Assert.Contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>", rendered);
        Assert.Contains("<tool_response>\nsunny, 4 C\n</tool_response>", rendered);
        Assert.Contains("\"name\": \"get_weather\", \"description\": \"Current weather in a city\"", rendered);
        return assets.EncodeChat(rendered).Length;
    }

    [Fact]
    public async Task OfficialNodeClient_SendsToolsAndAToolHistory_WholeAndStreamed_AndTheServerRendersThemAll()
    {
        var result = await OpenAINodeCheck.RunAsync(server.Host.Url, "tools.mjs",
            new Dictionary<string, string> { ["PLATFORM_TOOLS"] = Tools, ["PLATFORM_MESSAGES"] = Messages, ["PLATFORM_FORCED_TOOLS"] = ForcedTools });

        var expected = ExpectedPromptTokens();
        var whole = result["whole"]!;
        var stream = result["stream"]!;
        Assert.Equal(expected, (int)whole["usage"]!["prompt_tokens"]!);
        Assert.Equal(expected, (int)stream["usage"]!["prompt_tokens"]!);
        // A random-weight model writes no <tool_call>: the text comes back as content with its own finish reason.
        Assert.Contains((string?)whole["finish_reason"], new[] { "stop", "length", "tool_calls" });
        Assert.Equal((string?)whole["finish_reason"], (string?)stream["finish_reason"]);
        if ((string?)whole["finish_reason"] != "tool_calls")
        {
            Assert.Equal(0, stream["tool_calls"]!.AsArray().Count);
            Assert.Equal((string?)whole["content"], (string?)stream["text"]);
        }
    }

    const string ForcedTools = """
        [{"type":"function","function":{"name":"set_unit","parameters":{"type":"object","properties":{"unit":{"type":"string","enum":["c","f"]},"days":{"type":"integer","enum":[1,2,3]}},"required":["unit","days"],"additionalProperties":false}}},
         {"type":"function","function":{"name":"ping","parameters":{"type":"object","properties":{},"additionalProperties":false}}}]
        """;

    /// <summary>Whether <paramref name="arguments"/> is valid against the parameters of <paramref name="name"/> in <see cref="ForcedTools"/>.</summary>
    static void AssertFitsSchema(string? name, string? arguments)
    {
        var args = JsonNode.Parse(arguments!)!.AsObject();
        if (name == "ping")
        {
            Assert.Empty(args);
            return;
        }
        Assert.Equal("set_unit", name);
        Assert.Equal(["days", "unit"], args.Select(p => p.Key).Order());
        Assert.Contains((string?)args["unit"], new[] { "c", "f" });
        Assert.Contains((int)args["days"]!, new[] { 1, 2, 3 });
    }

    [Fact]
    public async Task OfficialNodeClient_ForcedToolChoices_GiveCallsWhoseArgumentsFitTheSchemaEvenFromRandomWeights()
    {
        var result = await OpenAINodeCheck.RunAsync(server.Host.Url, "tools.mjs", new Dictionary<string, string>
        {
            ["PLATFORM_TOOLS"] = Tools, ["PLATFORM_MESSAGES"] = Messages, ["PLATFORM_FORCED_TOOLS"] = ForcedTools,
        });

        var seen = result.ToJsonString();
        var named = result["named"]!;
        var call = Assert.Single(named["tool_calls"]!.AsArray())!;
        Assert.True((string?)named["finish_reason"] == "tool_calls", seen);
        Assert.Null(named["content"]);
        Assert.StartsWith("call_", (string?)call["id"]);
        AssertFitsSchema((string?)call["function"]!["name"], (string?)call["function"]!["arguments"]);

        var streamed = result["named_stream"]!;
        Assert.True((string?)streamed["finish_reason"] == "tool_calls", seen);
        AssertFitsSchema((string?)streamed["name"], (string?)streamed["arguments"]);

        var required = result["required"]!;
        Assert.True((string?)required["finish_reason"] == "tool_calls", seen);
        var calls = required["tool_calls"]!.AsArray();
        Assert.NotEmpty(calls);
        foreach (var c in calls)
            AssertFitsSchema((string?)c!["function"]!["name"], (string?)c["function"]!["arguments"]);
    }
}
