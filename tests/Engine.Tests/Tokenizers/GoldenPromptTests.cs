using System.Text.Json;

namespace Platform.Engine.Tests.Tokenizers;

public class GoldenPromptTests
{
    public static TheoryData<string> Models => new() { "tiny-llama", "tiny-qwen2" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_folder_tokenizer_encodes_each_golden_prompt_to_its_reference_ids(string model)
    {
        var tokenizer = SharedTokenizers.Get(Path.Combine("models", model));
        foreach (var c in Cases(model))
        {
            // tiny-llama's ids are a plain prompt with BOS; tiny-qwen2's are a rendered chat prompt encoded without extra special tokens.
            var expected = c.GetProperty("prompt_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var actual = c.TryGetProperty("prompt", out var prompt)
                ? tokenizer.Encode(prompt.GetString()!, addSpecialTokens: true)
                : tokenizer.Encode(c.GetProperty("rendered_prompt").GetString()!, addSpecialTokens: false);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Decoding_golden_greedy_ids_reproduces_the_reference_text(string model)
    {
        var tokenizer = SharedTokenizers.Get(Path.Combine("models", model));
        foreach (var c in Cases(model))
        {
            var ids = c.GetProperty("greedy_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(c.GetProperty("greedy_text").GetString(), tokenizer.Decode(ids, skipSpecialTokens: true));
        }
    }

    [Fact]
    public void Stories_gguf_and_hf_tokenizers_decode_llama2c_greedy_output_to_its_text()
    {
        var expected = File.ReadAllText(SharedData.Path("models/stories260K-gguf/expected_greedy_200.txt"));
        var ids = File.ReadAllText(SharedData.Path("models/stories260K-gguf/expected_greedy_200.ids"))
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        foreach (var path in new[] { "models/stories260K-gguf/stories260K.gguf", "models/stories260K-hf" })
        {
            var text = SharedTokenizers.Get(path).Decode(ids, skipSpecialTokens: true);
            Assert.Equal(expected.TrimEnd('\n'), text.TrimEnd('\n'));
        }
    }

    private static IEnumerable<JsonElement> Cases(string model)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path(Path.Combine("models", model, "golden.json"))));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }
}
