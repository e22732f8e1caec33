using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Engine.Formats;
using Platform.Kernels.Positional;

namespace Platform.Engine.Models.Configuration;

/// <summary>Reads a Hugging Face model folder's config.json (and generation_config.json for BOS/EOS) into a <see cref="ModelConfig"/>.</summary>
public static class HfConfigReader
{
    public static ModelConfig Read(string folder)
    {
        var path = Path.Combine(folder, "config.json");
        var json = ReadJson(path) ?? throw new ModelFormatException($"{folder}: no config.json; a Hugging Face model folder needs one.");
        var name = (json["architectures"] as JsonArray)?.FirstOrDefault()?.GetValue<string>()
            ?? throw new ModelFormatException($"{path}: no 'architectures' entry naming the model class.");
        var architecture = ArchitectureCatalog.FromHuggingFace(path, name);
        var activation = String(json, "hidden_act") ?? "silu";
        if (activation != "silu")
            throw new ModelFormatException($"{path}: hidden_act '{activation}' is not supported (only silu).");

        var hidden = Int(json, "hidden_size", path);
        var heads = Int(json, "num_attention_heads", path);
        var generation = ReadJson(Path.Combine(folder, "generation_config.json"));
        var config = new ModelConfig
        {
            Architecture = architecture,
            HiddenSize = hidden,
            NumLayers = Int(json, "num_hidden_layers", path),
            NumHeads = heads,
            NumKvHeads = OptionalInt(json, "num_key_value_heads") ?? heads,
            HeadDim = OptionalInt(json, "head_dim") ?? (heads > 0 ? hidden / heads : 0),
            IntermediateSize = Int(json, "intermediate_size", path),
            VocabSize = Int(json, "vocab_size", path),
            RmsNormEps = (float)(OptionalDouble(json, "rms_norm_eps") ?? 1e-6),
            RopeTheta = OptionalDouble(json, "rope_theta") ?? 10000,
            MaxPositionEmbeddings = OptionalInt(json, "max_position_embeddings") ?? 2048,
            TieWordEmbeddings = OptionalBool(json, "tie_word_embeddings") ?? false,
            AttentionBias = architecture == ModelArchitecture.Qwen2 || (OptionalBool(json, "attention_bias") ?? false),
            RopeStyle = RopeStyle.NeoX,
            RopeScaling = ReadRopeScaling(json["rope_scaling"] as JsonObject, path),
            SlidingWindow = SlidingWindow(json, architecture),
            BosTokenId = OptionalInt(generation, "bos_token_id") ?? OptionalInt(json, "bos_token_id"),
            EosTokenIds = Ids(generation?["eos_token_id"]) ?? Ids(json["eos_token_id"]) ?? [],
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException($"{path}: {e.Message}");
        }
        return config;
    }

    private static int SlidingWindow(JsonObject json, ModelArchitecture architecture)
    {
        var window = OptionalInt(json, "sliding_window") ?? 0;
        var enabled = architecture switch
        {
            ModelArchitecture.Mistral => true,
            ModelArchitecture.Qwen2 => OptionalBool(json, "use_sliding_window") ?? false,
            _ => false,
        };
        return enabled ? window : 0;
    }

    private static RopeScaling? ReadRopeScaling(JsonObject? scaling, string path)
    {
        if (scaling is null) return null;
        var type = String(scaling, "rope_type") ?? String(scaling, "type") ?? "default";
        switch (type)
        {
            case "default":
                return null;
            case "linear":
                return new LinearRopeScaling(OptionalDouble(scaling, "factor") ?? 1);
            case "llama3":
                return new Llama3RopeScaling(
                    OptionalDouble(scaling, "factor") ?? throw Missing(path, "rope_scaling.factor"),
                    OptionalDouble(scaling, "low_freq_factor") ?? throw Missing(path, "rope_scaling.low_freq_factor"),
                    OptionalDouble(scaling, "high_freq_factor") ?? throw Missing(path, "rope_scaling.high_freq_factor"),
                    OptionalInt(scaling, "original_max_position_embeddings") ?? throw Missing(path, "rope_scaling.original_max_position_embeddings"));
            default:
                throw new ModelFormatException($"{path}: rope_scaling type '{type}' is not supported (supported: default, linear, llama3).");
        }
    }

    private static JsonObject? ReadJson(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new ModelFormatException($"{path}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{path}: invalid JSON: {e.Message}", e);
        }
    }

    private static ModelFormatException Missing(string path, string key) => new($"{path}: '{key}' is missing.");

    private static int Int(JsonObject json, string key, string path) => OptionalInt(json, key) ?? throw Missing(path, key);

    private static int? OptionalInt(JsonObject? json, string key) =>
        json?[key] is JsonValue v && v.TryGetValue<long>(out var n) ? checked((int)n) : null;

    private static double? OptionalDouble(JsonObject? json, string key) =>
        json?[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static bool? OptionalBool(JsonObject? json, string key) =>
        json?[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static string? String(JsonObject? json, string key) =>
        json?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IReadOnlyList<int>? Ids(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var id) => [checked((int)id)],
        JsonArray a => a.Select(e => checked((int)e!.GetValue<long>())).ToArray(),
        _ => null,
    };
}
