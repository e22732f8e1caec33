using System.Text.Json;
using Platform.Engine.Formats;
using Platform.Engine.Tokenizers.Normalization;

namespace Platform.Engine.Tokenizers.HuggingFace;

/// <summary>Builds an <see cref="INormalizer"/> from tokenizer.json's "normalizer".</summary>
internal static class NormalizerReader
{
    public static INormalizer? Read(JsonElement? element, string source)
    {
        if (element is not { } e)
            return null;
        var type = JsonParts.Type(e, source, "normalizer");
        return type switch
        {
            "Sequence" => new SequenceNormalizer(
                JsonParts.Array(e, "normalizers", source).EnumerateArray().Select(n => Read(n, source)).OfType<INormalizer>().ToArray()),
            "Prepend" => new PrependNormalizer(JsonParts.String(e, "prepend", source)),
            "Replace" => JsonParts.OptionalString(e.GetProperty("pattern"), "String") is { } literal
                ? ReplaceNormalizer.Literal(literal, JsonParts.String(e, "content", source))
                : ReplaceNormalizer.Pattern(JsonParts.Pattern(e, source), JsonParts.String(e, "content", source)),
            "Lowercase" => new LowercaseNormalizer(),
            "Strip" => new StripNormalizer(JsonParts.Bool(e, "strip_left", false), JsonParts.Bool(e, "strip_right", false)),
            "NFC" => new NfcNormalizer(),
            _ => throw new ModelFormatException($"{source}: normalizer type '{type}' is not supported (supported: Sequence, Prepend, Replace, NFC, Lowercase, Strip)."),
        };
    }
}
