using System.Text.Json.Nodes;
using Platform.Engine.Templates;

namespace Platform.Engine.Tests.Templates;

/// <summary>
/// Every real chat template in ../shared/chat-templates against every conversation, compared with the text
/// Hugging Face's Jinja engine rendered (or the error it raised).
/// </summary>
public sealed class ChatTemplateConformanceTests
{
    // The expected files were rendered on this day; Granite's template prints strftime_now('%B %d, %Y').
    private static readonly DateTimeOffset RenderedOn = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static string Folder => SharedData.Path("chat-templates");

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        var conversations = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "conversations.json")))!.AsArray().Count;
        foreach (var expected in Directory.GetFiles(Folder, "*.expected.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(expected)[..^".expected.json".Length];
            var count = JsonNode.Parse(File.ReadAllText(expected))!.AsArray().Count;
            Assert.Equal(conversations, count);
            for (var i = 0; i < count; i++)
                data.Add(name, i);
        }
        return data;
    }

    [Fact]
    public void Every_shared_template_has_expectations_for_every_conversation()
    {
        var templates = Directory.GetFiles(Folder, "*.jinja");
        Assert.NotEmpty(templates);
        foreach (var template in templates)
            Assert.True(File.Exists(Path.ChangeExtension(template, ".expected.json")), $"{template} has no .expected.json");
        Assert.Equal(templates.Length * 4, Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Template_renders_conversation_exactly_as_huggingface_jinja_does(string template, int conversation)
    {
        var chat = ChatTemplate.Parse(File.ReadAllText(Path.Combine(Folder, template + ".jinja")));
        var input = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "conversations.json")))!.AsArray()[conversation]!.AsObject();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, template + ".expected.json")))!.AsArray()[conversation]!.AsObject();
        var context = new ChatTemplateContext
        {
            Messages = input["messages"]!.DeepClone().AsArray(),
            AddGenerationPrompt = input["add_generation_prompt"]?.GetValue<bool>() ?? true,
            BosToken = "<s>",
            EosToken = "</s>",
            Clock = new FixedClock(RenderedOn),
        };

        if (expected["ok"]!.GetValue<bool>())
            Assert.Equal(expected["text"]!.GetValue<string>(), chat.Render(context));
        else
        {
            var error = Assert.Throws<TemplateException>(() => chat.Render(context));
            Assert.True(error.RaisedByTemplate);
            Assert.Equal(expected["error"]!.GetValue<string>(), error.Message);
        }
    }
}
