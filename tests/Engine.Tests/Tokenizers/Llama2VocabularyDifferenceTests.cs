namespace Platform.Engine.Tests.Tokenizers;

/// <summary>The shared Llama-2 tokenizer.json spells four tokens with plain spaces where SentencePiece (and the GGUF) has U+00A0.</summary>
public class Llama2VocabularyDifferenceTests
{
    [Fact]
    public void Json_and_gguf_vocabularies_differ_exactly_in_the_four_no_break_space_tokens()
    {
        var json = SharedTokenizers.Get("tokenizers/llama2/tokenizer.json");
        var gguf = SharedTokenizers.Get("tokenizers/gguf-vocab/ggml-vocab-llama-spm.gguf");
        var differing = Enumerable.Range(0, 32000).Where(id => json.IdToToken(id) != gguf.IdToToken(id)).ToArray();
        Assert.Equal([8655, 17891, 20246, 30081], differing);
        foreach (var id in differing)
            Assert.Equal(gguf.IdToToken(id)!.Replace('\u00A0', ' '), json.IdToToken(id));
    }

    [Fact]
    public void No_break_space_is_a_token_in_the_gguf_but_byte_fallback_through_the_json()
    {
        // No llama.cpp case contains U+00A0, so the shared cases pass through both; text with it does not tokenize alike.
        var json = SharedTokenizers.Get("tokenizers/llama2/tokenizer.json");
        var gguf = SharedTokenizers.Get("tokenizers/gguf-vocab/ggml-vocab-llama-spm.gguf");
        Assert.Equal([263, 30081, 29890], gguf.Encode("a\u00A0b", false));
        Assert.Equal([263, 197, 163, 29890], json.Encode("a\u00A0b", false)); // <0xC2> <0xA0>
        Assert.Equal("a\u00A0b", json.Decode(json.Encode("a\u00A0b", false)));
        Assert.Equal("\u00A0 \u00A0", gguf.Decode([30081, 20246]));
        Assert.Equal("  ", json.Decode([30081, 20246]));
    }
}
