using System.Text.Json.Nodes;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>`--chat-template` over HTTP: a model that ships none can chat, and templates that know only system see developer as system.</summary>
[Collection(ServingCollection.Name)]
public class ChatTemplateFlagTests(ServingServer server)
{
    private static string Chat(string model, string role = "user") =>
        $$"""{"model":"{{model}}","messages":[{"role":"{{role}}","content":"Be brief."},{"role":"user","content":"Hello"}],"max_tokens":3,"temperature":0}""";

    [Fact]
    public async Task AModelWithoutATemplate_IsA400ThatNamesTheFlag_AndChatsOnceGivenOne()
    {
        var (without, error) = await server.PostJsonAsync("/v1/chat/completions", Chat(ServingServer.Llama));
        var (with, body) = await server.PostJsonAsync("/v1/chat/completions", Chat(ServingServer.LlamaWithTemplate));

        Assert.Equal(400, without);
        Assert.Contains("--chat-template", (string?)error["error"]!["message"]);
        Assert.Equal(200, with);
        Assert.Equal("assistant", (string?)body["choices"]![0]!["message"]!["role"]);
    }

    [Fact]
    public async Task TheGivenTemplateRendersThePrompt()
    {
        var (status, tokens) = await server.PostJsonAsync("/tokenize",
            """{"model":"llama-phi","messages":[{"role":"user","content":"Hello"}],"add_special_tokens":false}""");
        var (_, expected) = await server.PostJsonAsync("/tokenize",
            """{"model":"llama","prompt":"<|user|>\nHello<|end|>\n<|assistant|>\n","add_special_tokens":false}""");

        Assert.Equal(200, status);
        Assert.Equal(Ids(expected), Ids(tokens));
    }

    [Theory]
    [InlineData(ServingServer.Qwen)]
    [InlineData(ServingServer.LlamaWithTemplate)]
    public async Task ADeveloperMessage_IsRenderedAsTheSystemMessage_ByAPhi3StyleTemplate(string model)
    {
        var (_, asDeveloper) = await server.PostJsonAsync("/tokenize", Tokenize(model, "developer"));
        var (_, asSystem) = await server.PostJsonAsync("/tokenize", Tokenize(model, "system"));
        var (_, without) = await server.PostJsonAsync("/tokenize", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hello"}]}""");

        Assert.Equal(Ids(asSystem), Ids(asDeveloper));
        Assert.True(Ids(asDeveloper).Length > Ids(without).Length, "the developer message is in the prompt, not dropped");
    }

    private static string Tokenize(string model, string role) =>
        $$"""{"model":"{{model}}","messages":[{"role":"{{role}}","content":"Be brief."},{"role":"user","content":"Hello"}]}""";

    private static int[] Ids(JsonNode body) => body["tokens"]!.AsArray().Select(t => t!.GetValue<int>()).ToArray();
}
