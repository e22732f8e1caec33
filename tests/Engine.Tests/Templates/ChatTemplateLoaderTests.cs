using System.Text.Json.Nodes;
using Platform.Engine.Templates;

namespace Platform.Engine.Tests.Templates;

public sealed class ChatTemplateLoaderTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("chat-template-loader").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    public static TheoryData<int> GoldenCases() => [0, 1, 2];

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void A_model_folder_template_renders_the_prompt_transformers_js_rendered(int index)
    {
        var golden = JsonNode.Parse(File.ReadAllText(SharedData.Path("models", "tiny-qwen2", "golden.json")))!["cases"]![index]!;
        var source = ChatTemplateLoader.Load(SharedData.Path("models", "tiny-qwen2"));

        var rendered = source.Parse().Render(new ChatTemplateContext
        {
            Messages = golden["messages"]!.DeepClone().AsArray(),
            BosToken = source.BosToken,
            EosToken = source.EosToken,
        });

        Assert.Equal(golden["rendered_prompt"]!.GetValue<string>(), rendered);
        Assert.Equal("<s>", source.BosToken);
        Assert.Equal("<|endoftext|>", source.EosToken);
    }

    [Fact]
    public void Special_tokens_written_as_added_token_objects_are_read_by_content()
    {
        File.WriteAllText(Path.Combine(_temp, "tokenizer_config.json"), """
            {"bos_token": {"__type": "AddedToken", "content": "<s>"}, "eos_token": {"content": "</s>"}, "chat_template": "{{ bos_token }}x{{ eos_token }}"}
            """);

        var source = ChatTemplateLoader.Load(_temp);

        Assert.Equal(("<s>", "</s>"), (source.BosToken, source.EosToken));
        Assert.Equal("<s>x</s>", source.Parse().Render(new ChatTemplateContext { Messages = [], BosToken = source.BosToken, EosToken = source.EosToken }));
    }

    [Fact]
    public void A_list_of_named_templates_yields_the_default_or_the_one_asked_for()
    {
        var config = Path.Combine(_temp, "tokenizer_config.json");
        File.WriteAllText(config, """
            {"chat_template": [{"name": "tool_use", "template": "tools"}, {"name": "default", "template": "plain"}]}
            """);

        Assert.Equal("plain", ChatTemplateLoader.Load(_temp).Template);
        Assert.Equal("tools", ChatTemplateLoader.Load(config, "tool_use").Template);
        var missing = Assert.Throws<TemplateException>(() => ChatTemplateLoader.Load(_temp, "rag"));
        Assert.Contains("tool_use, default", missing.Message);
    }

    [Fact]
    public void A_chat_template_jinja_file_beside_the_config_takes_precedence()
    {
        File.WriteAllText(Path.Combine(_temp, "tokenizer_config.json"), """{"eos_token": "</s>", "chat_template": "old"}""");
        File.WriteAllText(Path.Combine(_temp, "chat_template.jinja"), "new{{ eos_token }}");

        var source = ChatTemplateLoader.Load(_temp);

        Assert.Equal("new{{ eos_token }}", source.Template);
        Assert.Equal("</s>", source.EosToken);
    }

    [Fact]
    public void A_named_template_is_found_in_additional_chat_templates()
    {
        Directory.CreateDirectory(Path.Combine(_temp, "additional_chat_templates"));
        File.WriteAllText(Path.Combine(_temp, "chat_template.jinja"), "plain");
        File.WriteAllText(Path.Combine(_temp, "additional_chat_templates", "tool_use.jinja"), "tools");

        Assert.Equal("tools", ChatTemplateLoader.Load(_temp, "tool_use").Template);
        Assert.Equal("plain", ChatTemplateLoader.Load(_temp).Template);
    }

    [Fact]
    public void A_gguf_file_yields_its_template_and_the_bos_and_eos_token_texts()
    {
        var source = ChatTemplateLoader.Load(SharedData.Path("tokenizers", "gguf-vocab", "ggml-vocab-phi-3.gguf"));

        Assert.Contains("<|assistant|>", source.Template);
        Assert.Equal("<s>", source.BosToken);
        Assert.False(string.IsNullOrEmpty(source.EosToken));
        var rendered = source.Parse().Render(new ChatTemplateContext { Messages = [new JsonObject { ["role"] = "user", ["content"] = "Hi" }] });
        Assert.Contains("Hi", rendered);
    }

    [Fact]
    public void A_model_without_a_template_is_reported_not_guessed()
    {
        var error = Assert.Throws<TemplateException>(() => ChatTemplateLoader.Load(SharedData.Path("models", "tiny-llama")));
        Assert.Contains("no chat template", error.Message);
    }

    [Fact]
    public void Missing_paths_and_malformed_json_raise_clear_errors()
    {
        Assert.Throws<FileNotFoundException>(() => ChatTemplateLoader.Load(Path.Combine(_temp, "absent")));
        File.WriteAllText(Path.Combine(_temp, "tokenizer_config.json"), "{ not json");
        var error = Assert.Throws<InvalidDataException>(() => ChatTemplateLoader.Load(_temp));
        Assert.Contains("tokenizer_config.json", error.Message);
    }
}
