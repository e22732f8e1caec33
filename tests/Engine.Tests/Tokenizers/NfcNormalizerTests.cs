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
        var json = JsonNode.Parse(File.ReadAllText(SharedData.PathOf("tokenizers/gpt2/tokenizer.json")))!.AsObject();
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

    // SHA-256 of the UTF-8 NFC form computed by Python's unicodedata (UCD 14.0) over every code point from U+0020 to U+2FFFF
    // (surrogates skipped): alone, followed by two marks, and wrapped in a mark and Hangul jamo.
    [Theory]
    [InlineData(0, "54d92972e743d9a78cf4bf318b4099bcb2fd99c18dd971428e6f477b1e3e2bbe")]
    [InlineData(1, "a5638388c64f8003549a3aae3adebdd255b855af4e34218e8fef31422e7a8e65")]
    [InlineData(2, "8aa378ee4ba9ad9ee9dcba5d4b4d2d3dcf91c255a720d299b348fb7777dc0ef3")]
    public void Nfc_matches_the_unicode_reference_across_all_code_points(int kind, string sha256)
    {
        var text = new StringBuilder();
        for (var cp = 0x20; cp < 0x30000; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            var c = char.ConvertFromUtf32(cp);
            text.Append(kind switch { 0 => c, 1 => c + "\u0301\u0323", _ => "\u0323" + c + "\u1161\u11a8\u0338" });
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text.ToString()))));
        Assert.Equal(sha256, hash);
    }
}
