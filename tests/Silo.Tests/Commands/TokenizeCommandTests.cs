using Platform.Silo.Commands;

namespace Platform.Silo.Tests.Commands;

public class TokenizeCommandTests
{
    [Fact]
    public void Text_prints_one_json_array_of_ids_without_special_tokens_by_default()
    {
        var (code, stdout, _) = Run(SharedData.Path("models", "tiny-llama"), "Hello world", null, addSpecial: false);
        Assert.Equal(0, code);
        Assert.Equal("[15043,3186]\n", stdout);
    }

    [Fact]
    public void Add_special_prepends_bos()
    {
        var (code, stdout, _) = Run(SharedData.Path("models", "tiny-llama"), "Hello world", null, addSpecial: true);
        Assert.Equal(0, code);
        Assert.Equal("[1,15043,3186]\n", stdout);
    }

    [Fact]
    public void Jsonl_prints_one_line_per_json_string()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["\"Hello world\"", "\" Hello World!\"", "\"\\n\\n\""]);
            var (code, stdout, _) = Run(SharedData.Path("tokenizers", "gguf-vocab", "ggml-vocab-llama-spm.gguf"), null, file, addSpecial: false);
            Assert.Equal(0, code);
            Assert.Equal("[15043,3186]\n[29871,15043,2787,29991]\n[29871,13,13]\n", stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Bad_jsonl_line_or_missing_tokenizer_fails_with_a_message()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["not json"]);
            var (code, _, stderr) = Run(SharedData.Path("models", "tiny-llama"), null, file, addSpecial: false);
            Assert.Equal(1, code);
            Assert.Contains(":1: not a JSON string", stderr);
        }
        finally
        {
            File.Delete(file);
        }
        var missing = Run("/nonexistent/tokenizer.json", "hi", null, addSpecial: false);
        Assert.Equal(1, missing.Code);
        Assert.Contains("no such tokenizer", missing.Stderr);
    }

    [Fact]
    public void Exactly_one_input_option_is_required()
    {
        Assert.Equal(1, Run(SharedData.Path("models", "tiny-llama"), null, null, addSpecial: false).Code);
        Assert.Equal(1, Run(SharedData.Path("models", "tiny-llama"), "a", "b.jsonl", addSpecial: false).Code);
    }

    private static (int Code, string Stdout, string Stderr) Run(string tokenizer, string? text, string? jsonl, bool addSpecial)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        var code = TokenizeCommand.Run(tokenizer, text, jsonl, addSpecial, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
