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
}
