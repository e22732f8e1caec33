using System.Text;
using System.Text.Json;
using Platform.Engine.Formats;
using Platform.Engine.Tokenizers.Decoding;
using Platform.Engine.Tokenizers.PreTokenization;

namespace Platform.Engine.Tokenizers.HuggingFace;

/// <summary>Turns tokenizer.json's "decoder" into per-token bytes plus output-level rules (a <see cref="TokenDecoder"/>).</summary>
internal static class DecoderReader
{
    public static TokenDecoder Build(JsonElement? element, string?[] tokens, bool[] special, string source)
    {
        var steps = new List<DecoderStep>();
        var stripLeading = 0;
        var joinWithSpaces = element is null;
        if (element is { } e)
            Flatten(e, steps, ref stripLeading, fused: false, source);

        var hasFirstForm = joinWithSpaces || steps.Any(s => s is DecoderStep.Metaspace);
        var pieces = new byte[tokens.Length][];
        var firstPieces = hasFirstForm ? new byte[tokens.Length][] : null;
        for (var id = 0; id < tokens.Length; id++)
        {
            var token = tokens[id] ?? "";
            pieces[id] = Run(steps, token, firstToken: false, joinWithSpaces);
            if (firstPieces is not null)
                firstPieces[id] = Run(steps, token, firstToken: true, joinWithSpaces: false);
        }
        return new TokenDecoder(pieces, firstPieces, special, stripLeading);
    }

    private static byte[] Run(List<DecoderStep> steps, string token, bool firstToken, bool joinWithSpaces)
    {
        byte[]? bytes = null;
        foreach (var step in steps)
        {
            token = step.Apply(token, firstToken, ref bytes);
            if (bytes is not null)
                return bytes;
        }
        return Encoding.UTF8.GetBytes(joinWithSpaces ? " " + token : token);
    }

    private static void Flatten(JsonElement e, List<DecoderStep> steps, ref int stripLeading, bool fused, string source)
    {
        var type = JsonParts.Type(e, source, "decoder");
        switch (type)
        {
            case "Sequence":
                foreach (var d in JsonParts.Array(e, "decoders", source).EnumerateArray())
                {
                    Flatten(d, steps, ref stripLeading, fused, source);
                    fused |= JsonParts.Type(d, source, "decoder") == "Fuse";
                }
                break;
            case "Fuse":
                break; // tokens are concatenated as bytes anyway
            case "Replace":
                if (JsonParts.OptionalString(e.GetProperty("pattern"), "String") is not { } literal)
                    throw new ModelFormatException($"{source}: a Replace decoder with a regex pattern is not supported.");
                steps.Add(new DecoderStep.Replace(literal, JsonParts.String(e, "content", source)));
                break;
            case "ByteFallback":
                steps.Add(new DecoderStep.ByteFallback());
                break;
            case "ByteLevel":
                steps.Add(new DecoderStep.ByteLevel());
                break;
            case "Metaspace":
                var replacement = JsonParts.String(e, "replacement", source);
                steps.Add(new DecoderStep.Metaspace(replacement[0], PreTokenizerReader.Scheme(e, source) != PrependScheme.Never));
                break;
            case "Strip":
                var content = JsonParts.String(e, "content", source);
                int start = JsonParts.Int(e, "start", 0), stop = JsonParts.Int(e, "stop", 0);
                if (!fused)
                    steps.Add(new DecoderStep.StripEach(content[0], start, stop));
                else if (stop == 0 && content == " ")
                    stripLeading = start;
                else
                    throw new ModelFormatException($"{source}: a Strip decoder after Fuse that trims the end or a character other than space is not supported.");
                break;
            default:
                throw new ModelFormatException($"{source}: decoder type '{type}' is not supported (supported: Sequence, Replace, ByteFallback, Fuse, Strip, ByteLevel, Metaspace).");
        }
    }
}
