namespace Platform.Engine.Tests.Tokenizers;

public class VocabCaseTests
{
    [Theory]
    [InlineData("tokenizers/gpt2/tokenizer.json", "gpt-2")]
    [InlineData("tokenizers/llama2/tokenizer.json", "llama-spm")]
    [InlineData("tokenizers/phi-3-mini/tokenizer.json", "phi-3")]
    [InlineData("tokenizers/gguf-vocab/ggml-vocab-gpt-2.gguf", "gpt-2")]
    [InlineData("tokenizers/gguf-vocab/ggml-vocab-llama-spm.gguf", "llama-spm")]
    [InlineData("tokenizers/gguf-vocab/ggml-vocab-phi-3.gguf", "phi-3")]
    public void Encode_without_special_tokens_matches_every_llama_cpp_case(string tokenizerPath, string vocabName)
    {
        var tokenizer = SharedTokenizers.Get(tokenizerPath);
        var cases = VocabCases.Load(vocabName);
        Assert.Equal(47, cases.Count);
        var failures = new List<string>();
        foreach (var (text, expected) in cases)
        {
            var actual = tokenizer.Encode(text, addSpecialTokens: false);
            if (!actual.SequenceEqual(expected))
                failures.Add($"{System.Text.Json.JsonSerializer.Serialize(text)}: expected [{string.Join(' ', expected)}], got [{string.Join(' ', actual)}]");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases differ:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void Concurrent_encoding_gives_the_same_ids_as_sequential_encoding()
    {
        var tokenizer = SharedTokenizers.Get("tokenizers/gguf-vocab/ggml-vocab-gpt-2.gguf");
        var cases = VocabCases.Load("gpt-2");
        var results = new int[cases.Count * 8][];
        Parallel.For(0, results.Length, i => results[i] = tokenizer.Encode(cases[i % cases.Count].Text, addSpecialTokens: false));
        for (var i = 0; i < results.Length; i++)
            Assert.Equal(cases[i % cases.Count].Ids, results[i]);
    }
}
