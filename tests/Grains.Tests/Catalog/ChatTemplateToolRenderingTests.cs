using System.Text.Json.Nodes;
using Platform.Engine.Templates;
using Platform.Engine.ToolCalls;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Tests.Catalog;

/// <summary>
/// Tool definitions and a tool history rendered by the shared real templates, compared with what Jinja2 renders when
/// set up as Hugging Face sets it up and given what vLLM gives it (Data/render_tool_goldens.py wrote the expectations).
/// </summary>
public sealed class ChatTemplateToolRenderingTests
{
    static string DataFolder => Path.Combine(SharedData.RepoRoot, "tests", "Grains.Tests", "Catalog", "Data");

    static JsonObject Conversations => JsonNode.Parse(File.ReadAllText(Path.Combine(DataFolder, "tool-conversations.json")))!.AsObject();

    public static TheoryData<int> Cases() => [.. Enumerable.Range(0, Conversations["cases"]!.AsArray().Count)];

    /// <summary>The messages as the API hands them to grains: no-content turns as empty text, arguments as the client's JSON string.</summary>
    static List<ChatMessageData> AsGrainsTakeThem(JsonArray messages) =>
        messages.Select(m => new ChatMessageData(
            (string)m!["role"]!,
            (string?)m["content"] ?? "",
            null,
            m["tool_calls"] is JsonArray calls
                ? calls.Select(c => new ToolCallData((string)c!["id"]!, (string)c["function"]!["name"]!, (string)c["function"]!["arguments"]!)).ToList()
                : null,
            (string?)m["tool_call_id"])).ToList();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToolsAndToolHistoryRenderAsTheReferenceRendersThem(int index)
    {
        var data = Conversations;
        var c = data["cases"]![index]!;
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(DataFolder, "tool-renderings.expected.json")))!.AsArray()[index]!;
        var template = ChatTemplate.Parse(File.ReadAllText(SharedData.Path("chat-templates", (string)c["template"]! + ".jinja")));

        var rendered = template.Render(new ChatTemplateContext
        {
            Messages = ChatTemplateMessages.From(AsGrainsTakeThem(c["messages"]!.AsArray())),
            Tools = ChatTemplateMessages.Tools(data["tools"]!.ToJsonString()),
            BosToken = "<s>",
            EosToken = "</s>",
        });

        Assert.Equal((string)expected["template"]!, (string)c["template"]!);
        Assert.Equal((string)expected["text"]!, rendered);
    }

    [Fact]
    public void EachSharedTemplateImpliesTheToolCallFormatOfItsFamily()
    {
        var detected = Directory.GetFiles(SharedData.Path("chat-templates"), "*.jinja").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => ToolCallFormats.Detect(File.ReadAllText(f)));
        Assert.Equal(ToolCallFormat.Hermes, detected["Qwen-Qwen2.5-7B-Instruct"]);
        Assert.Equal(ToolCallFormat.Hermes, detected["Qwen-Qwen3-0.6B"]);
        Assert.Equal(ToolCallFormat.Llama3Json, detected["meta-llama-Llama-3.1-8B-Instruct"]);
        Assert.Equal(ToolCallFormat.Mistral, detected["mistralai-Mistral-Nemo-Instruct-2407"]);
        foreach (var other in new[] { "google-gemma-2-2b-it", "microsoft-Phi-3.5-mini-instruct", "deepseek-ai-DeepSeek-R1-Distill-Llama-8B", "ibm-granite-granite-3.3-2B-Instruct" })
            Assert.Null(detected[other]);
    }
}
