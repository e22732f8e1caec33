using System.Text.Json.Nodes;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Tokenizers;

public class PreTokenizerTests
{
    private const string Llama3Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static ITokenizer Derived(string source, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(SharedData.Path(source)))!.AsObject();
        edit(json);
        using var folder = new TempFolder();
        return TokenizerLoader.Load(folder.Write("tokenizer.json", json.ToJsonString()));
    }

    [Fact]
    public void Llama3_style_split_then_byte_level_without_regex_cuts_numbers_into_threes()
    {
        var gpt2 = SharedTokenizers.Get("tokenizers/gpt2/tokenizer.json");
        var llama3Style = Derived("tokenizers/gpt2/tokenizer.json", j => j["pre_tokenizer"] = JsonNode.Parse($$"""
            {"type": "Sequence", "pretokenizers": [
              {"type": "Split", "pattern": {"Regex": {{System.Text.Json.JsonSerializer.Serialize(Llama3Pattern)}}}, "behavior": "Isolated", "invert": false},
              {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]}
            """));
        int[] Concat(params string[] words) => words.SelectMany(w => gpt2.Encode(w, false)).ToArray();

        Assert.Equal(Concat("123", "456", "7"), llama3Style.Encode("1234567", false));
        Assert.Equal(Concat("Hello", " world"), llama3Style.Encode("Hello world", false));
        Assert.NotEqual(gpt2.Encode("1234567", false), llama3Style.Encode("1234567", false));
    }

    [Fact]
    public void Metaspace_pre_tokenizer_and_decoder_match_the_prepend_replace_normalizer_on_cases_not_starting_with_a_space()
    {
        var metaspace = Derived("tokenizers/llama2/tokenizer.json", j =>
        {
            j["normalizer"] = null;
            j["pre_tokenizer"] = JsonNode.Parse("""{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": false}""");
            j["decoder"] = JsonNode.Parse("""{"type": "Sequence", "decoders": [{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": false}, {"type": "ByteFallback"}, {"type": "Fuse"}]}""");
        });
        // Metaspace adds no ▁ before text that already starts with one, so " x" differs from the normalizer form by design.
        foreach (var (text, ids) in VocabCases.Load("llama-spm").Where(c => !c.Text.StartsWith(' ')))
        {
            Assert.Equal(ids, metaspace.Encode(text, false));
            Assert.Equal(text, metaspace.Decode(ids));
        }
    }

    [Fact]
    public void Metaspace_first_scheme_prepends_only_at_the_start_of_the_input()
    {
        var metaspace = Derived("tokenizers/llama2/tokenizer.json", j =>
        {
            j["normalizer"] = null;
            j["pre_tokenizer"] = JsonNode.Parse("""{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": false}""");
            foreach (var t in j["added_tokens"]!.AsArray()) t!["normalized"] = false;
        });
        Assert.Equal([15043, 1, 10994], metaspace.Encode("Hello<s>Hello", false)); // 10994 = "Hello" without ▁
    }

    [Fact]
    public void Metaspace_split_cuts_before_each_replacement_character()
    {
        ITokenizer Metaspace(bool split) => Derived("tokenizers/llama2/tokenizer.json", j =>
        {
            j["normalizer"] = null;
            j["pre_tokenizer"] = JsonNode.Parse($$"""{"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": {{(split ? "true" : "false")}}}""");
        });
        // "a    b" → "▁a▁▁▁▁b": split words merge separately, so no multi-▁ token can form.
        var llama = SharedTokenizers.Get("tokenizers/llama2/tokenizer.json");
        int[] expected = [.. llama.Encode("a", false), 29871, 29871, 29871, .. llama.Encode("b", false)];
        Assert.Equal(expected, Metaspace(split: true).Encode("a    b", false));
        Assert.NotEqual(expected, Metaspace(split: false).Encode("a    b", false));
    }

    [Fact]
    public void Split_patterns_classify_letters_and_digits_beyond_U_FFFF_by_code_point()
    {
        var dropLettersAndDigits = Derived("tokenizers/gpt2/tokenizer.json", j => j["pre_tokenizer"] = JsonNode.Parse("""
            {"type": "Sequence", "pretokenizers": [
              {"type": "Split", "pattern": {"Regex": "\\p{L}+|\\p{N}+"}, "behavior": "Removed", "invert": false},
              {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]}
            """));
        // U+20000 (a CJK letter), U+1D400 (mathematical bold A) and U+1D7CF (mathematical bold one) are all removed; the emoji is not.
        Assert.Equal(dropLettersAndDigits.Encode("!", false), dropLettersAndDigits.Encode("x\U00020000\U0001D400y\U0001D7CF3!", false));
        Assert.Equal(dropLettersAndDigits.Encode("\U0001F999!", false), dropLettersAndDigits.Encode("a\U0001F999b!", false));
    }
}
