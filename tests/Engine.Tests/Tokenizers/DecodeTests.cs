using System.Text;

namespace Platform.Engine.Tests.Tokenizers;

public class DecodeTests
{
    public static TheoryData<string, string> Tokenizers => new()
    {
        { "tokenizers/gpt2/tokenizer.json", "gpt-2" },
        { "tokenizers/llama2/tokenizer.json", "llama-spm" },
        { "tokenizers/phi-3-mini/tokenizer.json", "phi-3" },
        { "tokenizers/gguf-vocab/ggml-vocab-gpt-2.gguf", "gpt-2" },
        { "tokenizers/gguf-vocab/ggml-vocab-llama-spm.gguf", "llama-spm" },
        { "tokenizers/gguf-vocab/ggml-vocab-phi-3.gguf", "phi-3" },
    };

    private static readonly string[] MultiByteTexts =
    [
        "🚀 (normal) 😶‍🌫️ emoji 🦙 and 👨‍👩‍👧‍👦 family",
        "我想在apple工作1314151天～ 日本語のテキスト 한국어",
        "Cửa Việt — ünïcødé, Ελληνικά, кириллица, עברית, ﷺ",
        "  leading spaces\n\ttabs and a trailing space ",
    ];

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Decode_of_encode_returns_every_case_text(string tokenizerPath, string vocabName)
    {
        var tokenizer = SharedTokenizers.Get(tokenizerPath);
        foreach (var text in VocabCases.Load(vocabName).Select(c => c.Text).Concat(MultiByteTexts))
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text, addSpecialTokens: false)));
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Incremental_decoding_equals_full_decoding_and_never_emits_broken_characters(string tokenizerPath, string vocabName)
    {
        _ = vocabName;
        var tokenizer = SharedTokenizers.Get(tokenizerPath);
        foreach (var text in MultiByteTexts)
        {
            foreach (var addSpecial in new[] { false, true })
            {
                var ids = tokenizer.Encode(text, addSpecial);
                foreach (var skip in new[] { false, true })
                {
                    var decoder = tokenizer.CreateIncrementalDecoder(skip);
                    var streamed = new StringBuilder();
                    foreach (var id in ids)
                    {
                        var chunk = decoder.Append(id);
                        Assert.DoesNotContain('\uFFFD', chunk);
                        Assert.False(chunk.Length > 0 && char.IsHighSurrogate(chunk[^1]), "chunk ends inside a surrogate pair");
                        streamed.Append(chunk);
                    }
                    streamed.Append(decoder.Flush());
                    Assert.Equal(tokenizer.Decode(ids, skip), streamed.ToString());
                }
            }
        }
    }

    [Fact]
    public void Emoji_split_into_byte_tokens_comes_out_only_when_its_last_byte_arrives()
    {
        var tokenizer = SharedTokenizers.Get("tokenizers/llama2/tokenizer.json");
        var ids = tokenizer.Encode("🦙", addSpecialTokens: false); // ▁ then four <0xNN> byte tokens
        Assert.Equal([29871, 243, 162, 169, 156], ids);
        var decoder = tokenizer.CreateIncrementalDecoder();
        Assert.Equal(["", "", "", "", "🦙"], ids.Select(decoder.Append).ToArray());
    }

    [Fact]
    public void Sentencepiece_leading_space_is_stripped_once_even_when_the_first_token_is_only_a_space()
    {
        var tokenizer = SharedTokenizers.Get("tokenizers/llama2/tokenizer.json");
        var decoder = tokenizer.CreateIncrementalDecoder();
        // "▁" then "▁Hello": the prefix space is the first one only.
        Assert.Equal(["", " Hello"], new[] { 29871, 15043 }.Select(decoder.Append).ToArray());
        Assert.Equal(" Hello", tokenizer.Decode([29871, 15043]));
    }

    [Fact]
    public void Skipping_special_tokens_drops_bos_and_keeps_text()
    {
        var tokenizer = SharedTokenizers.Get("models/tiny-llama");
        var ids = tokenizer.Encode("Hello world", addSpecialTokens: true);
        Assert.Equal("<s> Hello world", tokenizer.Decode(ids, skipSpecialTokens: false));
        Assert.Equal("Hello world", tokenizer.Decode(ids, skipSpecialTokens: true));
        Assert.True(tokenizer.IsSpecial(1));
        Assert.False(tokenizer.IsSpecial(15043));
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Streaming_after_a_prompt_continues_the_prompt_text(string tokenizerPath, string vocabName)
    {
        _ = vocabName;
        var tokenizer = SharedTokenizers.Get(tokenizerPath);
        var ids = tokenizer.Encode("Once upon a time, 🦙 llamas 日本 lived", addSpecialTokens: true);
        var full = tokenizer.Decode(ids, skipSpecialTokens: true);
        for (var split = 1; split < ids.Length; split++)
        {
            var prompt = tokenizer.Decode(ids.AsSpan(0, split), skipSpecialTokens: true);
            if (prompt.Contains('\uFFFD'))
                continue; // the prompt would end inside a character
            var decoder = tokenizer.CreateIncrementalDecoder();
            decoder.AppendContext(ids.AsSpan(0, split));
            var streamed = string.Concat(ids.Skip(split).Select(decoder.Append)) + decoder.Flush();
            Assert.Equal(full, prompt + streamed);
        }
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Random_mixed_script_text_round_trips_and_streams_identically(string tokenizerPath, string vocabName)
    {
        _ = vocabName;
        var tokenizer = SharedTokenizers.Get(tokenizerPath);
        string[] pool = ["a", "Z", "q", "7", "42", " ", "  ", "\n", "\t", "\r\n", ".", ",", "'s", "!", "-", "é", "e\u0301", "ß", "Ω", "日", "本",
            "ক", "\u00A0", "\u3000", "🦙", "👍🏽", "\U00020000", "\U0001D400", "\U0001D7CF", "\u200D", "ﷺ", "한"];
        var random = new Random(1234);
        for (var n = 0; n < 150; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 24)).Select(_ => pool[random.Next(pool.Length)]));
            var ids = tokenizer.Encode(text, addSpecialTokens: false);
            Assert.Equal(text, tokenizer.Decode(ids));
            var decoder = tokenizer.CreateIncrementalDecoder();
            Assert.Equal(text, string.Concat(ids.Select(decoder.Append)) + decoder.Flush());
        }
    }
}
