using Platform.Engine.Formats;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Tokenizers;

public class GgufVocabularyTests
{
    // Digits only: "1234" is one GPT-2 word (merges 1+2 and 3+4 win) but two llama.cpp-default words, "123" and "4".
    private static Dictionary<string, object> DigitVocabulary(string? pre)
    {
        var metadata = new Dictionary<string, object>
        {
            ["tokenizer.ggml.model"] = "gpt2",
            ["tokenizer.ggml.tokens"] = new[] { "1", "2", "3", "4", "12", "34", "123" },
            ["tokenizer.ggml.token_type"] = new[] { 1, 1, 1, 1, 1, 1, 1 },
            ["tokenizer.ggml.merges"] = new[] { "1 2", "3 4", "12 3" },
        };
        if (pre is not null) metadata["tokenizer.ggml.pre"] = pre;
        return metadata;
    }

    private static ITokenizer Load(Dictionary<string, object> metadata)
    {
        using var folder = new TempFolder();
        return TokenizerLoader.Load(folder.Write("vocab.gguf", TestGguf.Build(metadata)));
    }

    private static ModelFormatException LoadFails(Dictionary<string, object> metadata) =>
        Assert.Throws<ModelFormatException>(() => Load(metadata));

    [Fact]
    public void Pre_tokenizer_name_picks_the_word_split()
    {
        Assert.Equal([4, 5], Load(DigitVocabulary("gpt-2")).Encode("1234", false));
        Assert.Equal([6, 3], Load(DigitVocabulary("default")).Encode("1234", false));
        Assert.Equal([6, 3], Load(DigitVocabulary(null)).Encode("1234", false));
    }

    [Fact]
    public void Unknown_pre_tokenizer_is_refused_by_name()
    {
        Assert.Contains("pre-tokenizer 'tekken' is not supported", LoadFails(DigitVocabulary("tekken")).Message);
    }

    [Fact]
    public void Gguf_without_a_vocabulary_or_with_inconsistent_arrays_is_a_clear_error()
    {
        Assert.Contains("has no tokenizer", LoadFails(new Dictionary<string, object> { ["general.architecture"] = "llama" }).Message);

        var shortTypes = DigitVocabulary("gpt-2");
        shortTypes["tokenizer.ggml.token_type"] = new[] { 1, 1 };
        Assert.Contains("token_type has 2 entries for 7 tokens", LoadFails(shortTypes).Message);

        var badMerge = DigitVocabulary("gpt-2");
        badMerge["tokenizer.ggml.merges"] = new[] { "1 9" };
        Assert.Contains("not in the vocabulary", LoadFails(badMerge).Message);

        var noScores = DigitVocabulary(null);
        noScores["tokenizer.ggml.model"] = "llama";
        Assert.Contains("needs tokenizer.ggml.scores", LoadFails(noScores).Message);

        var badBos = DigitVocabulary("gpt-2");
        badBos["tokenizer.ggml.bos_token_id"] = 99u;
        Assert.Contains("outside the vocabulary", LoadFails(badBos).Message);

        var unknownModel = DigitVocabulary(null);
        unknownModel["tokenizer.ggml.model"] = "t5";
        Assert.Contains("'t5' is not supported", LoadFails(unknownModel).Message);
    }
}
