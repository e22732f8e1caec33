using Platform.Engine.Formats;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Tokenizers;

public class TokenizerLoaderTests
{
    [Fact]
    public void Model_folder_takes_bos_and_eos_from_its_configs()
    {
        var tokenizer = SharedTokenizers.Get("models/tiny-llama");
        Assert.Equal(32000, tokenizer.VocabSize);
        Assert.Equal(1, tokenizer.BosTokenId);
        Assert.Contains(2, tokenizer.EosTokenIds);
        Assert.Equal("▁Hello", tokenizer.IdToToken(15043));
        Assert.Equal(1, tokenizer.TokenToId("<s>"));
        Assert.Null(tokenizer.TokenToId("no such token"));
        Assert.Null(tokenizer.IdToToken(32000));
    }

    [Fact]
    public void Tokenizer_json_path_uses_the_sibling_tokenizer_config()
    {
        var tokenizer = TokenizerLoader.Load(SharedData.Path("models/tiny-llama/tokenizer.json"));
        Assert.Equal([1, 15043, 3186], tokenizer.Encode("Hello world", addSpecialTokens: true));
    }

    [Fact]
    public void Add_bos_token_false_in_tokenizer_config_adds_nothing()
    {
        var tokenizer = SharedTokenizers.Get("models/tiny-qwen2");
        Assert.Equal(tokenizer.Encode("Hi", addSpecialTokens: false), tokenizer.Encode("Hi", addSpecialTokens: true));
        Assert.Contains(32000, tokenizer.EosTokenIds); // eos_token "<|endoftext|>"
        Assert.Equal(32011, tokenizer.VocabSize); // 32000 pieces + 11 added tokens (the model pads its embedding to 32064)
    }

    [Fact]
    public void Gpt2_byte_level_post_processor_adds_no_tokens_but_bos_and_eos_are_known()
    {
        var tokenizer = SharedTokenizers.Get("tokenizers/gpt2");
        Assert.Equal(tokenizer.Encode("Hello", false), tokenizer.Encode("Hello", true));
        Assert.Equal(50256, tokenizer.BosTokenId);
        Assert.Equal([50256], tokenizer.EosTokenIds);
        Assert.True(tokenizer.IsSpecial(50256));
    }

    [Fact]
    public void Gguf_vocabulary_reads_special_ids_and_add_bos()
    {
        var spm = SharedTokenizers.Get("tokenizers/gguf-vocab/ggml-vocab-llama-spm.gguf");
        Assert.Equal(1, spm.BosTokenId);
        Assert.Equal([2], spm.EosTokenIds);
        Assert.Equal([1, 15043, 3186], spm.Encode("Hello world", addSpecialTokens: true));
        Assert.True(spm.IsSpecial(1));

        var gpt2 = SharedTokenizers.Get("tokenizers/gguf-vocab/ggml-vocab-gpt-2.gguf");
        Assert.Equal(50257, gpt2.VocabSize);
        Assert.Equal(gpt2.Encode("Hello", false), gpt2.Encode("Hello", true));
        Assert.Equal([50256], gpt2.EosTokenIds);
    }

    [Fact]
    public void Phi3_gguf_special_tokens_swallow_the_newline_after_them_like_the_hugging_face_tokenizer()
    {
        const string prompt = "<|user|>\nHello!<|end|>\n<|assistant|>\n";
        var gguf = SharedTokenizers.Get("tokenizers/gguf-vocab/ggml-vocab-phi-3.gguf");
        var hf = SharedTokenizers.Get("tokenizers/phi-3-mini");
        Assert.Equal([32010, 15043, 29991, 32007, 32001], hf.Encode(prompt, false));
        Assert.Equal(hf.Encode(prompt, false), gguf.Encode(prompt, false));
    }

    [Fact]
    public void Missing_path_or_folder_without_tokenizer_is_a_clear_error()
    {
        var missing = Assert.Throws<ModelFormatException>(() => TokenizerLoader.Load("/nonexistent/tokenizer.json"));
        Assert.Contains("no such tokenizer", missing.Message);
        using var folder = new TempFolder();
        var empty = Assert.Throws<ModelFormatException>(() => TokenizerLoader.Load(folder.Path));
        Assert.Contains("neither a tokenizer.json nor a .gguf", empty.Message);
    }

    [Fact]
    public void Truncated_tokenizer_json_is_reported_as_invalid_json()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(SharedData.Path("tokenizers/gpt2/tokenizer.json"));
        var path = folder.Write("tokenizer.json", bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<ModelFormatException>(() => TokenizerLoader.Load(path));
        Assert.Contains("not valid JSON", ex.Message);
    }

    [Theory]
    [InlineData("""{"version":"1.0"}""", "no \"model\"")]
    [InlineData("""{"model":{"type":"Unigram","vocab":[["a",0.0]]}}""", "'Unigram' is not supported")]
    [InlineData("""{"model":{"type":"BPE","vocab":{"a":0,"b":1},"merges":["a b"]}}""", "produces 'ab', which is not in the vocabulary")]
    [InlineData("""{"model":{"type":"BPE","vocab":{"a":0},"merges":["a c"]}}""", "names a token that is not in the vocabulary")]
    [InlineData("""{"model":{"type":"BPE","vocab":{"a":"zero"},"merges":[]}}""", "vocab entry 'a'")]
    [InlineData("""{"model":{"type":"BPE","vocab":{"a":0},"merges":[]},"normalizer":{"type":"Precompiled"}}""", "normalizer type 'Precompiled' is not supported")]
    [InlineData("""{"model":{"type":"BPE","vocab":{"a":0},"merges":[]},"pre_tokenizer":{"type":"Split","pattern":{"Regex":"(unclosed"},"behavior":"Isolated","invert":false}}""", "is not supported")]
    [InlineData("""{"model":{"type":"BPE","vocab":{"a":0},"merges":[]},"decoder":{"type":"WordPiece"}}""", "decoder type 'WordPiece' is not supported")]
    public void Malformed_or_unsupported_tokenizer_json_names_the_problem(string json, string expectedMessage)
    {
        using var folder = new TempFolder();
        var path = folder.Write("tokenizer.json", json);
        var ex = Assert.Throws<ModelFormatException>(() => TokenizerLoader.Load(path));
        Assert.Contains(expectedMessage, ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Truncated_or_legacy_gguf_is_a_clear_error()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(SharedData.Path("tokenizers/gguf-vocab/ggml-vocab-llama-spm.gguf"));
        var truncated = folder.Write("cut.gguf", bytes[..(bytes.Length / 2)]);
        Assert.Throws<ModelFormatException>(() => TokenizerLoader.Load(truncated));
        var legacy = Assert.Throws<ModelFormatException>(() => TokenizerLoader.Load(SharedData.Path("models/stories260K-gguf/legacy-v1.gguf")));
        Assert.Contains("version 1", legacy.Message);
    }

    [Fact]
    public void Decoding_an_id_outside_the_vocabulary_throws()
    {
        var tokenizer = SharedTokenizers.Get("tokenizers/gpt2");
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([50257]));
    }
}
