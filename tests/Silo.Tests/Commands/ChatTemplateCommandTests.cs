namespace Platform.Silo.Tests.Commands;

/// <summary>Runs the real `platform chat-template` executable and checks its stdout, stderr and exit code.</summary>
public sealed class ChatTemplateCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("chat-template-command").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Prints_exactly_the_rendered_prompt_with_no_trailing_newline()
    {
        var template = Write("t.jinja", "{{ bos_token }}{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}{% if add_generation_prompt %}>{% endif %}{{ greeting }}");
        var conversation = Write("c.json", """{"messages": [{"role": "user", "content": "ünï 🚀"}], "add_generation_prompt": false, "greeting": "!"}""");

        var (code, stdout, stderr) = PlatformProcess.Run("chat-template", "--template", template, "--conversation", conversation, "--bos", "<s>");

        Assert.Equal(0, code);
        Assert.Equal("<s>[user]ünï 🚀!", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void A_model_folder_supplies_its_template_and_special_tokens()
    {
        var conversation = Write("c.json", """{"messages": [{"role": "user", "content": "Hello!"}], "add_generation_prompt": false}""");

        var (code, stdout, _) = PlatformProcess.Run("chat-template", "--template", SharedData.Path("models", "tiny-qwen2"), "--conversation", conversation);

        Assert.Equal(0, code);
        Assert.Equal("<|user|>\nHello!<|end|>\n<|endoftext|>", stdout);
    }

    [Fact]
    public void A_template_that_raises_exits_with_code_3_and_its_message_on_stderr()
    {
        var conversation = Write("c.json", """{"messages": [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Hi"}]}""");

        var (code, stdout, stderr) = PlatformProcess.Run("chat-template", "--template", SharedData.Path("chat-templates", "google-gemma-2-2b-it.jinja"), "--conversation", conversation);

        Assert.Equal(3, code);
        Assert.Equal("", stdout);
        Assert.Equal("System role not supported", stderr.Trim());
    }

    [Fact]
    public void A_syntax_error_reports_its_line_and_column()
    {
        var template = Write("bad.jinja", "ok\n{{ 1 + }}");
        var conversation = Write("c.json", """{"messages": []}""");

        var (code, _, stderr) = PlatformProcess.Run("chat-template", "--template", template, "--conversation", conversation);

        Assert.Equal(3, code);
        Assert.Contains("line 2, column", stderr);
    }

    [Fact]
    public void A_missing_conversation_file_is_a_clear_input_error()
    {
        var template = Write("t.jinja", "x");

        var (code, _, stderr) = PlatformProcess.Run("chat-template", "--template", template, "--conversation", Path.Combine(_temp, "absent.json"));

        Assert.Equal(2, code);
        Assert.Contains("absent.json", stderr);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, text);
        return path;
    }
}
