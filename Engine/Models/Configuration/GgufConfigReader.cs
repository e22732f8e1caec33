using Platform.Engine.Formats;
using Platform.Engine.Formats.Gguf;
using Platform.Kernels.Positional;

namespace Platform.Engine.Models.Configuration;

/// <summary>Reads a GGUF file's <c>{arch}.*</c> and <c>tokenizer.ggml.*</c> metadata into a <see cref="ModelConfig"/>.</summary>
public static class GgufConfigReader
{
    public static ModelConfig Read(GgufFile file)
    {
        var name = file.Architecture ?? throw new ModelFormatException($"{file.Path}: no general.architecture; is this a vocabulary-only file?");
        var architecture = ArchitectureCatalog.FromGguf(file.Path, name);
        var m = file.Metadata;
        var hidden = Int(m, $"{name}.embedding_length");
        var heads = Int(m, $"{name}.attention.head_count");
        var vocab = m.TryGetInt($"{name}.vocab_size")
            ?? m.TryGetStringArray("tokenizer.ggml.tokens")?.Length
            ?? (file.TryGetTensor("token_embd.weight", out var embedding) ? embedding.Dimensions[^1] : throw Missing(file, $"{name}.vocab_size"));
        var eos = new List<int>();
        foreach (var key in new[] { "tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id" })
            if (m.TryGetInt(key) is { } id && !eos.Contains((int)id))
                eos.Add((int)id);
        var config = new ModelConfig
        {
            Architecture = architecture,
            HiddenSize = hidden,
            NumLayers = Int(m, $"{name}.block_count"),
            NumHeads = heads,
            NumKvHeads = (int?)m.TryGetInt($"{name}.attention.head_count_kv") ?? heads,
            HeadDim = (int?)m.TryGetInt($"{name}.attention.key_length") ?? (heads > 0 ? hidden / heads : 0),
            IntermediateSize = Int(m, $"{name}.feed_forward_length"),
            VocabSize = checked((int)vocab),
            RmsNormEps = m.TryGetFloat($"{name}.attention.layer_norm_rms_epsilon") ?? 1e-5f,
            RopeTheta = m.TryGetFloat($"{name}.rope.freq_base") ?? 10000,
            MaxPositionEmbeddings = (int?)m.TryGetInt($"{name}.context_length") ?? 2048,
            TieWordEmbeddings = !file.TryGetTensor("output.weight", out _),
            AttentionBias = architecture == ModelArchitecture.Qwen2,
            // llama.cpp's converter permutes llama Q/K rows back to adjacent pairs; qwen2 keeps rotate-half.
            RopeStyle = architecture == ModelArchitecture.Qwen2 ? RopeStyle.NeoX : RopeStyle.Interleaved,
            RopeScaling = ReadRopeScaling(file, name),
            SlidingWindow = architecture == ModelArchitecture.Mistral ? (int?)m.TryGetInt($"{name}.attention.sliding_window") ?? 0 : 0,
            BosTokenId = (int?)m.TryGetInt("tokenizer.ggml.bos_token_id"),
            EosTokenIds = eos,
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException($"{file.Path}: {e.Message}");
        }
        return config;
    }

    private static unsafe RopeScaling? ReadRopeScaling(GgufFile file, string name)
    {
        if (file.TryGetTensor("rope_freqs.weight", out var freqs))
        {
            if (freqs.Type != GgmlType.F32)
                throw new ModelFormatException($"{file.Path}: rope_freqs.weight must be F32, not {freqs.Type}.");
            return new FrequencyFactorRopeScaling(new ReadOnlySpan<float>(file.GetTensorData(freqs), checked((int)freqs.ElementCount)).ToArray());
        }
        var type = file.Metadata.TryGetString($"{name}.rope.scaling.type");
        return type switch
        {
            null or "none" => null,
            "linear" => new LinearRopeScaling(file.Metadata.TryGetFloat($"{name}.rope.scaling.factor") ?? 1),
            _ => throw new ModelFormatException($"{file.Path}: rope scaling '{type}' is not supported (supported: none, linear, llama3 frequency factors)."),
        };
    }

    private static int Int(GgufMetadata m, string key) => checked((int)m.GetInt(key));

    private static ModelFormatException Missing(GgufFile file, string key) => new($"{file.Path}: metadata '{key}' is missing.");
}
