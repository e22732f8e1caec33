using System.Text.Json.Nodes;
using Platform.Engine.Templates;

namespace Platform.Engine.Tests.Templates;

/// <summary>
/// The shared chat templates over conversations with tools, tool calls and template options, compared with Python
/// Jinja2 configured as transformers configures it (Data/generate_jinja2_golden.py wrote Data/jinja2-golden.json).
/// </summary>
public sealed class Jinja2GoldenTests
{
    private static readonly DateTimeOffset RenderedOn = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<JsonArray> Golden = new(() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(SharedData.RepoRoot, "tests", "Engine.Tests", "Templates", "Data", "jinja2-golden.json")))!["cases"]!.AsArray());

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        var perTemplate = new Dictionary<string, int>();
        foreach (var item in Golden.Value)
        {
            var template = item!["template"]!.GetValue<string>();
            perTemplate[template] = perTemplate.GetValueOrDefault(template);
            data.Add(template, perTemplate[template]++);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Template_renders_tool_and_option_conversations_as_python_jinja2_does(string template, int conversation)
    {
        var golden = Golden.Value.Where(c => c!["template"]!.GetValue<string>() == template).ElementAt(conversation)!;
        var input = golden["conversation"]!.AsObject();
        var chat = ChatTemplate.Parse(File.ReadAllText(SharedData.Path("chat-templates", template + ".jinja")));
        var context = new ChatTemplateContext
        {
            Messages = input["messages"]!.DeepClone().AsArray(),
            AddGenerationPrompt = input["add_generation_prompt"]?.GetValue<bool>() ?? true,
            Tools = input["tools"]?.DeepClone().AsArray(),
            BosToken = "<s>",
            EosToken = "</s>",
            Extra = input.Where(p => p.Key is not ("messages" or "tools" or "add_generation_prompt")).ToDictionary(p => p.Key, p => p.Value?.DeepClone()),
            Clock = new FixedClock(RenderedOn),
        };

        if (golden["ok"]!.GetValue<bool>())
        {
            Assert.Equal(golden["text"]!.GetValue<string>(), chat.Render(context));
            return;
        }
        var error = Assert.Throws<TemplateException>(() => chat.Render(context));
        Assert.Equal(golden["raised"]!.GetValue<bool>(), error.RaisedByTemplate);
        if (error.RaisedByTemplate)
            Assert.Equal(golden["error"]!.GetValue<string>(), error.Message);
    }
}
