using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Tokenizers;

public class AddedTokenTests
{
    // A toy BPE over single characters: "hello" merges to one token, "abc" exists only as a whole word.
    private const string Json = """
    {
      "added_tokens": [
        {"id": 20, "content": "<l>", "lstrip": true, "rstrip": false, "normalized": false, "single_word": false, "special": true},
        {"id": 21, "content": "<r>", "lstrip": false, "rstrip": true, "normalized": false, "single_word": false, "special": false},
        {"id": 22, "content": "[w]", "lstrip": false, "rstrip": false, "normalized": false, "single_word": true, "special": false},
        {"id": 23, "content": "norm", "lstrip": false, "rstrip": false, "normalized": true, "single_word": false, "special": false},
        {"id": 24, "content": "<l>x", "lstrip": false, "rstrip": false, "normalized": false, "single_word": false, "special": false}
      ],
      "normalizer": {"type": "Lowercase"},
      "pre_tokenizer": null,
      "model": {
        "type": "BPE", "unk_token": "?", "fuse_unk": true, "byte_fallback": false, "ignore_merges": IGNORE,
        "vocab": {"h":0,"e":1,"l":2,"o":3," ":4,"he":5,"ll":6,"hell":7,"hello":8,"a":9,"b":10,"c":11,"ab":12,"abc":13,"[":14,"w":15,"]":16,"?":17,"x":18,"n":19},
        "merges": ["h e", "l l", "he ll", "hell o", "a b"]
      },
      "decoder": null
    }
    """;

    private static ITokenizer Load(bool ignoreMerges = false)
    {
        using var folder = new TempFolder();
        return TokenizerLoader.Load(folder.Write("tokenizer.json", Json.Replace("IGNORE", ignoreMerges ? "true" : "false")));
    }

    [Fact]
    public void Lstrip_token_takes_the_whitespace_before_it_and_rstrip_the_whitespace_after_it()
    {
        var tokenizer = Load();
        Assert.Equal([8, 20, 4, 8], tokenizer.Encode("hello  <l> hello", false));
        Assert.Equal([8, 4, 21, 8], tokenizer.Encode("hello <r>  hello", false));
    }

    [Fact]
    public void Longest_added_token_wins_at_the_same_position()
    {
        Assert.Equal([24, 8], Load().Encode("<l>xhello", false));
    }

    [Fact]
    public void Single_word_token_matches_only_outside_words()
    {
        var tokenizer = Load();
        Assert.Equal([9, 4, 22, 4, 10], tokenizer.Encode("a [w] b", false));
        Assert.Equal([9, 14, 15, 16, 10], tokenizer.Encode("a[w]b", false));
    }

    [Fact]
    public void Normalized_token_matches_after_normalization_and_raw_tokens_before_it()
    {
        var tokenizer = Load();
        Assert.Equal([23, 4, 8], tokenizer.Encode("NORM HELLO", false));
        // "<L>" is lowercased to "<l>" only after raw tokens were matched, so it stays text: "?" "l" "?".
        Assert.Equal([17, 2, 17, 8], tokenizer.Encode("<L>hello", false));
    }

    [Fact]
    public void Ignore_merges_emits_a_whole_word_token_that_merges_cannot_reach()
    {
        Assert.Equal([12, 11], Load(ignoreMerges: false).Encode("abc", false));
        Assert.Equal([13], Load(ignoreMerges: true).Encode("abc", false));
    }

    [Fact]
    public void Without_a_decoder_tokens_are_joined_by_spaces_and_special_ones_can_be_skipped()
    {
        var tokenizer = Load();
        Assert.Equal("hello <l> hello", tokenizer.Decode([8, 20, 8]));
        Assert.Equal("hello hello", tokenizer.Decode([8, 20, 8], skipSpecialTokens: true));
        Assert.True(tokenizer.IsSpecial(20));
        Assert.False(tokenizer.IsSpecial(21));
    }
}
