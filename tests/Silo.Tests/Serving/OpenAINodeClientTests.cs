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
        var result = await OpenAINodeCheck.RunAsync(server.Host.Url);
        Assert.Equal([ServingServer.Qwen, ServingServer.Llama, ServingServer.LlamaWithTemplate], result["models"]!.AsArray().Select(m => m!.GetValue<string>()));

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

        // n = 2, max_completion_tokens 5 and ignore_eos past a forced token: both choices run to the limit.
        var fields = result["fields"]!;
        Assert.Equal(["length", "length"], fields["finish_reasons"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(10, fields["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task OfficialNodeClient_CreatesAResponse_FollowsItUpCached_StreamsOne_RetrievesAndDeletes()
    {
        var result = await OpenAINodeCheck.RunAsync(server.Host.Url, "responses.mjs");

        var first = result["first"]!;
        var followUp = result["follow_up"]!;
        Assert.StartsWith("resp_", first["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(first["output_text"]!.GetValue<string>()));
        Assert.Equal(first["text"]!.GetValue<string>(), first["output_text"]!.GetValue<string>());
        Assert.Equal(first["id"]!.GetValue<string>(), followUp["previous_response_id"]!.GetValue<string>());
        var firstTotal = first["usage"]!["total_tokens"]!.GetValue<int>();
        Assert.True(followUp["usage"]!["input_tokens_details"]!["cached_tokens"]!.GetValue<int>() >= firstTotal - 16, followUp["usage"]!.ToJsonString());

        var stream = result["stream"]!;
        var types = stream["types"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"], types.Take(4));
        Assert.Equal(["response.output_text.done", "response.content_part.done", "response.output_item.done"], types.SkipLast(1).TakeLast(3));
        Assert.Contains(types[^1], new[] { "response.completed", "response.incomplete" });
        Assert.Equal(stream["text"]!.GetValue<string>(), stream["final"]!["text"]!.GetValue<string>());
        Assert.Equal(followUp["id"]!.GetValue<string>(), stream["final"]!["previous_response_id"]!.GetValue<string>());
        Assert.True(stream["final"]!["usage"]!["input_tokens_details"]!["cached_tokens"]!.GetValue<int>() >= followUp["usage"]!["total_tokens"]!.GetValue<int>() - 16);

        Assert.True(JsonNode.DeepEquals(followUp, result["retrieved"]), result["retrieved"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["id"] = followUp["id"]!.GetValue<string>(), ["object"] = "response", ["deleted"] = true }, result["deleted"]),
            result["deleted"]!.ToJsonString());
        Assert.Equal(404, result["after_delete"]!["status"]!.GetValue<int>());
        Assert.Equal("invalid_request_error", result["after_delete"]!["type"]!.GetValue<string>());
    }
}
