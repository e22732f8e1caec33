using System.Text.Json;
using Platform.Engine.Formats;
using Platform.Engine.Tokenizers.Models;
using Platform.Engine.Tokenizers.Processing;

namespace Platform.Engine.Tokenizers.HuggingFace;

/// <summary>Reads a Hugging Face tokenizer.json (BPE model) into a <see cref="TokenizerDefinition"/>.</summary>
internal static class TokenizerJsonReader
{
    public static TokenizerDefinition Read(string path)
    {
        JsonDocument doc;
        try
        {
            using var stream = File.OpenRead(path);
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{path}: not valid JSON ({ex.Message}).", ex);
        }
        using (doc)
        {
            try
            {
                return Read(doc.RootElement, path);
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException)
            {
                throw new ModelFormatException($"{path}: malformed tokenizer.json ({ex.Message}).", ex);
            }
        }
    }

    private static TokenizerDefinition Read(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || JsonParts.Optional(root, "model") is not { } model)
            throw new ModelFormatException($"{source}: not a tokenizer.json (no \"model\" object).");
        var modelType = JsonParts.OptionalString(model, "type") ?? (model.TryGetProperty("merges", out _) ? "BPE" : "unknown");
        if (modelType != "BPE")
            throw new ModelFormatException($"{source}: tokenizer model '{modelType}' is not supported (only BPE).");
        if (!string.IsNullOrEmpty(JsonParts.OptionalString(model, "continuing_subword_prefix")) || !string.IsNullOrEmpty(JsonParts.OptionalString(model, "end_of_word_suffix")))
            throw new ModelFormatException($"{source}: BPE with continuing_subword_prefix or end_of_word_suffix is not supported.");

        var vocab = ReadVocab(model, source);
        var added = ReadAddedTokens(root, source);
        var size = 0;
        foreach (var id in vocab.Values) size = Math.Max(size, id + 1);
        foreach (var t in added) size = Math.Max(size, t.Id + 1);

        var tokens = new string?[size];
        foreach (var (text, id) in vocab) tokens[id] = text;
        var tokenIds = new Dictionary<string, int>(vocab, StringComparer.Ordinal);
        var special = new bool[size];
        foreach (var t in added)
        {
            tokens[t.Id] = t.Content;
            tokenIds[t.Content] = t.Id;
            special[t.Id] = t.Special;
        }

        var unkToken = JsonParts.OptionalString(model, "unk_token");
        int? unkId = unkToken is not null && tokenIds.TryGetValue(unkToken, out var u) ? u : null;
        var options = new BpeOptions(unkId, JsonParts.Bool(model, "fuse_unk", false), JsonParts.Bool(model, "byte_fallback", false), JsonParts.Bool(model, "ignore_merges", false));
        var merges = MergeTable.FromRanks(ReadMerges(model, vocab, source), vocab, source);

        var postProcessor = PostProcessorReader.Read(JsonParts.Optional(root, "post_processor"), source);
        return new TokenizerDefinition
        {
            Tokens = tokens,
            TokenIds = tokenIds,
            AddedTokens = added,
            Normalizer = NormalizerReader.Read(JsonParts.Optional(root, "normalizer"), source),
            PreTokenizer = PreTokenizerReader.Read(JsonParts.Optional(root, "pre_tokenizer"), source),
            Model = new BpeModel(vocab, merges, options),
            PostProcessor = postProcessor,
            Decoder = DecoderReader.Build(JsonParts.Optional(root, "decoder"), tokens, special, source),
            BosTokenId = postProcessor.Prefix.Length > 0 ? postProcessor.Prefix[0] : null,
        };
    }

    private static Dictionary<string, int> ReadVocab(JsonElement model, string source)
    {
        if (JsonParts.Optional(model, "vocab") is not { ValueKind: JsonValueKind.Object } vocabElement)
            throw new ModelFormatException($"{source}: the BPE model has no \"vocab\" object.");
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocabElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id) || id < 0)
                throw new ModelFormatException($"{source}: vocab entry '{entry.Name}' has id {entry.Value.GetRawText()}, expected a non-negative integer.");
            vocab[entry.Name] = id;
        }
        return vocab;
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root, string source)
    {
        var added = new List<AddedToken>();
        if (JsonParts.Optional(root, "added_tokens") is not { } array)
            return added;
        foreach (var t in array.EnumerateArray())
        {
            var id = JsonParts.Int(t, "id", -1);
            if (id < 0)
                throw new ModelFormatException($"{source}: added token {JsonParts.Clip(t)} has no valid id.");
            added.Add(new AddedToken(id, JsonParts.String(t, "content", source), JsonParts.Bool(t, "lstrip", false), JsonParts.Bool(t, "rstrip", false),
                JsonParts.Bool(t, "normalized", true), JsonParts.Bool(t, "single_word", false), JsonParts.Bool(t, "special", false)));
        }
        return added;
    }

    /// <summary>Merges as pairs; a legacy "a b" line whose tokens themselves contain spaces is cut where both halves and the result are tokens.</summary>
    private static List<(string, string)> ReadMerges(JsonElement model, Dictionary<string, int> vocab, string source)
    {
        var merges = new List<(string, string)>();
        if (JsonParts.Optional(model, "merges") is not { } array)
            return merges;
        foreach (var m in array.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2)
                merges.Add((m[0].GetString()!, m[1].GetString()!));
            else if (m.ValueKind == JsonValueKind.String)
                merges.Add(SplitLegacy(m.GetString()!, vocab, merges.Count, source));
            else
                throw new ModelFormatException($"{source}: merge {merges.Count + 1} is {JsonParts.Clip(m)}, expected \"a b\" or [a, b].");
        }
        return merges;
    }

    private static (string, string) SplitLegacy(string line, Dictionary<string, int> vocab, int index, string source)
    {
        var first = line.IndexOf(' ');
        if (first > 0 && first == line.LastIndexOf(' '))
            return (line[..first], line[(first + 1)..]);
        for (var cut = line.IndexOf(' '); cut >= 0; cut = line.IndexOf(' ', cut + 1))
        {
            string left = line[..cut], right = line[(cut + 1)..];
            if (vocab.ContainsKey(left) && vocab.ContainsKey(right) && vocab.ContainsKey(left + right))
                return (left, right);
        }
        throw new ModelFormatException($"{source}: merge {index + 1} '{line}' cannot be split into two vocabulary tokens.");
    }
}
