using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Endpoints;

public sealed class TokenizerEndpointsTests
{
    [Fact]
    public async Task TokenizeAnswersIdsCountAndContextLength()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync("/tokenize", """{"model":"tiny","prompt":"ab"}""");

        Assert.Equal(200, status);
        Assert.Equal([1, 'a', 'b'], body["tokens"]!.AsArray().Select(t => (int)t!));
        Assert.Equal((3, ScriptedDeploymentGrain.MaxModelLength), ((int)body["count"]!, (int)body["max_model_len"]!));
    }

    [Fact]
    public async Task TokenizeHonoursAddSpecialTokensAndTakesMessages()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (_, plain) = await server.PostJsonAsync("/tokenize", """{"model":"tiny","prompt":"ab","add_special_tokens":false}""");
        var (_, chat) = await server.PostJsonAsync("/tokenize", """{"model":"tiny","messages":[{"role":"user","content":"q"}],"add_special_tokens":false}""");

        Assert.Equal(['a', 'b'], plain["tokens"]!.AsArray().Select(t => (int)t!));
        Assert.Equal("<user>q".Select(c => (int)c), chat["tokens"]!.AsArray().Select(t => (int)t!));
    }

    [Fact]
    public async Task TokenizeNeedsExactlyOneOfPromptOrMessages()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (neither, _) = await server.PostJsonAsync("/tokenize", """{"model":"tiny"}""");
        var (both, _) = await server.PostJsonAsync("/tokenize", """{"model":"tiny","prompt":"a","messages":[{"role":"user","content":"q"}]}""");
        var (badRole, body) = await server.PostJsonAsync("/tokenize", """{"model":"tiny","messages":[{"role":"robot","content":"q"}]}""");

        Assert.Equal((400, 400, 400), (neither, both, badRole));
        Assert.Equal("messages[0].role", (string?)body["error"]!["param"]);
    }

    [Fact]
    public async Task DetokenizeAnswersTheText()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync("/detokenize", """{"model":"tiny","tokens":[104,105]}""");

        Assert.Equal(200, status);
        Assert.Equal("hi", (string?)body["prompt"]);
    }

    [Fact]
    public async Task DetokenizeRefusesNegativeIdsAndUnknownModels()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (negative, body) = await server.PostJsonAsync("/detokenize", """{"model":"tiny","tokens":[1,-2]}""");
        var (unknown, _) = await server.PostJsonAsync("/detokenize", """{"model":"nope","tokens":[1]}""");

        Assert.Equal((400, 404), (negative, unknown));
        Assert.Equal("tokens[1]", (string?)body["error"]!["param"]);
    }
}
