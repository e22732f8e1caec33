using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Tokenizers;

/// <summary>NFC through a byte-level tokenizer (Qwen2-style normalizer): its decode of the encoding is exactly the normalized text.</summary>
public class NfcNormalizerTests
{
    private static readonly Lazy<ITokenizer> Nfc = new(() =>
    {
        var json = JsonNode.Parse(File.ReadAllText(SharedData.Path("tokenizers/gpt2/tokenizer.json")))!.AsObject();
        json["normalizer"] = JsonNode.Parse("""{"type": "NFC"}""");
        using var folder = new TempFolder();
        return TokenizerLoader.Load(folder.Write("tokenizer.json", json.ToJsonString()));
    });

    private static string Normalize(string text) => Nfc.Value.Decode(Nfc.Value.Encode(text, addSpecialTokens: false));

    [Theory]
    [InlineData("e\u0301", "\u00e9")]
    [InlineData("\u212B", "\u00c5")] // singleton decomposition (Angstrom sign)
    [InlineData("a\u0302\u0323", "\u1ead")] // reordered by combining class, then composed twice
    [InlineData("\u1100\u1161\u11A8", "\uac01")] // Hangul L V T
    [InlineData("\u0958", "\u0915\u093c")] // composition exclusion
    [InlineData("\u1e9b\u0323", "\u1e9b\u0323")]
    [InlineData("q\u0307\u0323", "q\u0323\u0307")]
    [InlineData("\U0001d15e", "\U0001d157\U0001d165")]
    [InlineData("\u0301a", "\u0301a")] // a leading combining mark stays
    [InlineData("plain ASCII and caf\u00e9", "plain ASCII and caf\u00e9")]
    public void Nfc_composes_like_the_unicode_reference(string input, string expected) => Assert.Equal(expected, Normalize(input));

    // SHA-256 of the UTF-8 NFC form computed by Python's unicodedata (UCD 14.0). Kind 0: every code point U+0020..U+2FFFF
    // (surrogates skipped) in a row; kinds 1 and 2: the blocks where composition happens (Latin to CJK, every 7th Hangul syllable,
    // Brahmi..Takri, musical symbols), each followed by two marks, or wrapped in a mark and Hangul jamo.
    [Theory]
    [InlineData(0, "54d92972e743d9a78cf4bf318b4099bcb2fd99c18dd971428e6f477b1e3e2bbe")]
    [InlineData(1, "2c3d3f0c6c1661d867cd6c739e4f88fc8ecd951de3ce0d739b24d05102927296")]
    [InlineData(2, "cc4187714ba74c9dedfc9ea8e50f40da009267c25c1b35127f921c6e246e97c8")]
    public void Nfc_matches_the_unicode_reference_across_code_points(int kind, string sha256)
    {
        var text = new StringBuilder();
        foreach (var cp in kind == 0 ? Enumerable.Range(0x20, 0x30000 - 0x20) : ComposingBlocks())
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            var c = char.ConvertFromUtf32(cp);
            text.Append(kind switch { 0 => c, 1 => c + "\u0301\u0323", _ => "\u0323" + c + "\u1161\u11a8\u0338" });
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text.ToString()))));
        Assert.Equal(sha256, hash);
    }

    private static IEnumerable<int> ComposingBlocks() =>
        Enumerable.Range(0x20, 0x3400 - 0x20)
            .Concat(Enumerable.Range(0, (0xD7A4 - 0xAC00 + 6) / 7).Select(i => 0xAC00 + i * 7))
            .Concat(Enumerable.Range(0x11000, 0x400))
            .Concat(Enumerable.Range(0x1D100, 0x100));
}
