using System.Text.Json;
using Platform.Engine.Formats;
using Platform.Engine.Tokenizers.Processing;

namespace Platform.Engine.Tokenizers.HuggingFace;

/// <summary>Applies a model folder's tokenizer_config.json, generation_config.json and config.json: BOS/EOS ids and add_bos/add_eos.</summary>
internal static class ModelFolderConfig
{
    public static TokenizerDefinition Apply(TokenizerDefinition d, string directory)
    {
        var tokenizerConfig = ReadOptional(Path.Combine(directory, "tokenizer_config.json"));
        var generationConfig = ReadOptional(Path.Combine(directory, "generation_config.json"));
        var modelConfig = ReadOptional(Path.Combine(directory, "config.json"));

        int? bos = TokenId(d, tokenizerConfig, "bos_token") ?? FirstId(generationConfig, "bos_token_id") ?? FirstId(modelConfig, "bos_token_id") ?? d.BosTokenId;
        var eos = new List<int>();
        foreach (var source in new[] { generationConfig, modelConfig })
            foreach (var id in Ids(source, "eos_token_id"))
                if (!eos.Contains(id)) eos.Add(id);
        if (TokenId(d, tokenizerConfig, "eos_token") is { } eosId && !eos.Contains(eosId))
            eos.Add(eosId);
        foreach (var id in d.EosTokenIds)
            if (!eos.Contains(id)) eos.Add(id);

        return d with { BosTokenId = bos, EosTokenIds = eos, PostProcessor = PostProcessorFor(d, tokenizerConfig, bos, eos) };
    }

    /// <summary>Llama/Gemma tokenizer classes rebuild their template from add_bos_token/add_eos_token (as transformers does).</summary>
    private static PostProcessor PostProcessorFor(TokenizerDefinition d, JsonElement? config, int? bos, List<int> eos)
    {
        if (config is not { } c || JsonParts.OptionalString(c, "tokenizer_class") is not { } cls || !(cls.Contains("Llama") || cls.Contains("Gemma")))
            return d.PostProcessor;
        if (!c.TryGetProperty("add_bos_token", out _) && !c.TryGetProperty("add_eos_token", out _))
            return d.PostProcessor;
        var addBos = JsonParts.Bool(c, "add_bos_token", d.PostProcessor.Prefix.Length > 0);
        var addEos = JsonParts.Bool(c, "add_eos_token", d.PostProcessor.Suffix.Length > 0);
        int? eosId = TokenId(d, config, "eos_token") ?? (eos.Count > 0 ? eos[0] : null);
        return new PostProcessor(addBos && bos is { } b ? [b] : [], addEos && eosId is { } e ? [e] : []);
    }

    private static int? TokenId(TokenizerDefinition d, JsonElement? config, string name)
    {
        if (config is not { } c || !c.TryGetProperty(name, out var v))
            return null;
        var text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object => JsonParts.OptionalString(v, "content"),
            _ => null,
        };
        return text is not null && d.TokenIds.TryGetValue(text, out var id) ? id : null;
    }

    private static int? FirstId(JsonElement? config, string name)
    {
        foreach (var id in Ids(config, name))
            return id;
        return null;
    }

    private static IEnumerable<int> Ids(JsonElement? config, string name)
    {
        if (config is not { } c || !c.TryGetProperty(name, out var v))
            yield break;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var single))
            yield return single;
        else if (v.ValueKind == JsonValueKind.Array)
            foreach (var item in v.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var id))
                    yield return id;
    }

    private static JsonElement? ReadOptional(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : throw new ModelFormatException($"{path}: expected a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{path}: not valid JSON ({ex.Message}).", ex);
        }
    }
}
