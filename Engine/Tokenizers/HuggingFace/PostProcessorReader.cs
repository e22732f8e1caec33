using System.Text.Json;
using Platform.Engine.Formats;
using Platform.Engine.Tokenizers.Processing;

namespace Platform.Engine.Tokenizers.HuggingFace;

/// <summary>Reads the single-sequence special tokens of tokenizer.json's "post_processor".</summary>
internal static class PostProcessorReader
{
    public static PostProcessor Read(JsonElement? element, string source)
    {
        if (element is not { } e)
            return PostProcessor.None;
        var type = JsonParts.Type(e, source, "post_processor");
        switch (type)
        {
            case "Sequence":
                var result = PostProcessor.None;
                foreach (var p in JsonParts.Array(e, "processors", source).EnumerateArray())
                    result = result.Then(Read(p, source));
                return result;
            case "ByteLevel":
                return PostProcessor.None; // only adjusts offsets
            case "TemplateProcessing":
                return Template(e, source);
            case "RobertaProcessing" or "BertProcessing":
                return new PostProcessor([NamedId(e, "cls", source)], [NamedId(e, "sep", source)]);
            default:
                throw new ModelFormatException($"{source}: post_processor type '{type}' is not supported (supported: TemplateProcessing, ByteLevel, RobertaProcessing, BertProcessing, Sequence).");
        }
    }

    private static PostProcessor Template(JsonElement e, string source)
    {
        var specials = e.TryGetProperty("special_tokens", out var s) ? s : default;
        List<int> prefix = [], suffix = [];
        var seenSequence = false;
        foreach (var item in JsonParts.Array(e, "single", source).EnumerateArray())
        {
            if (item.TryGetProperty("Sequence", out _))
            {
                seenSequence = true;
                continue;
            }
            if (!item.TryGetProperty("SpecialToken", out var special))
                throw new ModelFormatException($"{source}: template item {JsonParts.Clip(item)} is neither a Sequence nor a SpecialToken.");
            var name = JsonParts.String(special, "id", source);
            if (specials.ValueKind != JsonValueKind.Object || !specials.TryGetProperty(name, out var entry))
                throw new ModelFormatException($"{source}: template names special token '{name}' that special_tokens does not define.");
            foreach (var id in JsonParts.Array(entry, "ids", source).EnumerateArray())
                (seenSequence ? suffix : prefix).Add(id.GetInt32());
        }
        return new PostProcessor(prefix.ToArray(), suffix.ToArray());
    }

    private static int NamedId(JsonElement e, string name, string source) =>
        e.TryGetProperty(name, out var pair) && pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
            ? pair[1].GetInt32()
            : throw new ModelFormatException($"{source}: post_processor \"{name}\" must be [token, id].");
}
