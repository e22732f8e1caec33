using System.Text.Json.Nodes;
using Platform.Engine.Formats.Gguf;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Tests.Runner;
using Platform.Tests;

namespace Platform.Engine.Tests.Models;

/// <summary>
/// The shared Hugging Face checkpoints rewritten as llama.cpp would (GGUF names and metadata, llama Q/K rows permuted
/// to adjacent-pair RoPE, quantised types) and as sharded safetensors still give the reference outputs.
/// </summary>
public sealed class ConvertedCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("converted-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Dictionary<string, string> LayerNames = new()
    {
        ["self_attn.q_proj.weight"] = "attn_q.weight",
        ["self_attn.k_proj.weight"] = "attn_k.weight",
        ["self_attn.v_proj.weight"] = "attn_v.weight",
        ["self_attn.o_proj.weight"] = "attn_output.weight",
        ["self_attn.q_proj.bias"] = "attn_q.bias",
        ["self_attn.k_proj.bias"] = "attn_k.bias",
        ["self_attn.v_proj.bias"] = "attn_v.bias",
        ["mlp.gate_proj.weight"] = "ffn_gate.weight",
        ["mlp.up_proj.weight"] = "ffn_up.weight",
        ["mlp.down_proj.weight"] = "ffn_down.weight",
        ["input_layernorm.weight"] = "attn_norm.weight",
        ["post_attention_layernorm.weight"] = "ffn_norm.weight",
    };

    /// <summary>Converts a shared HF model to GGUF; <paramref name="typeOf"/> picks each tensor's stored type.</summary>
    private string ToGguf(string model, string architecture, Func<string, long[], GgmlType> typeOf)
    {
        var folder = SharedData.Path("models", model);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
        int heads = config["num_attention_heads"]!.GetValue<int>(), kvHeads = config["num_key_value_heads"]!.GetValue<int>();
        var tensors = new List<(string, long[], GgmlType, float[])>();
        foreach (var t in CheckpointWriter.ReadSafetensors(Path.Combine(folder, "model.safetensors")))
        {
            var values = t.Values;
            string name;
            if (t.Name == "model.embed_tokens.weight") name = "token_embd.weight";
            else if (t.Name == "model.norm.weight") name = "output_norm.weight";
            else if (t.Name == "lm_head.weight") name = "output.weight";
            else
            {
                var parts = t.Name.Split('.', 4);
                name = $"blk.{parts[2]}.{LayerNames[parts[3]]}";
                if (architecture == "llama" && parts[3] == "self_attn.q_proj.weight") values = CheckpointWriter.PermuteToAdjacentPairs(values, heads, (int)t.Shape[1]);
                if (architecture == "llama" && parts[3] == "self_attn.k_proj.weight") values = CheckpointWriter.PermuteToAdjacentPairs(values, kvHeads, (int)t.Shape[1]);
            }
            tensors.Add((name, t.Shape, typeOf(name, t.Shape), values));
        }
        var a = architecture;
        var metadata = new Dictionary<string, object>
        {
            ["general.architecture"] = a,
            [$"{a}.embedding_length"] = config["hidden_size"]!.GetValue<uint>(),
            [$"{a}.block_count"] = config["num_hidden_layers"]!.GetValue<uint>(),
            [$"{a}.feed_forward_length"] = config["intermediate_size"]!.GetValue<uint>(),
            [$"{a}.attention.head_count"] = (uint)heads,
            [$"{a}.attention.head_count_kv"] = (uint)kvHeads,
            [$"{a}.attention.layer_norm_rms_epsilon"] = config["rms_norm_eps"]!.GetValue<float>(),
            [$"{a}.rope.freq_base"] = config["rope_theta"]!.GetValue<float>(),
            [$"{a}.context_length"] = 4096u,
            [$"{a}.vocab_size"] = config["vocab_size"]!.GetValue<uint>(),
        };
        var path = Path.Combine(_folder, model + ".gguf");
        CheckpointWriter.WriteGguf(path, metadata, tensors);
        return path;
    }

    [Fact]
    public void LlamaGgufWithAdjacentPairRowsReproducesTheHuggingFaceGolden()
    {
        using var loaded = ModelLoader.Load(ToGguf("tiny-llama", "llama", (_, _) => GgmlType.F32));
        Assert.Equal(Kernels.Positional.RopeStyle.Interleaved, loaded.Config.RopeStyle);
        GoldenCases.AssertReproduced(loaded, "tiny-llama");
    }

    [Fact]
    public void Qwen2GgufKeepsRotateHalfAndBiasesAndReproducesTheGolden()
    {
        using var loaded = ModelLoader.Load(ToGguf("tiny-qwen2", "qwen2", (_, _) => GgmlType.F32));
        Assert.True(loaded.Config.TieWordEmbeddings);
        GoldenCases.AssertReproduced(loaded, "tiny-qwen2");
    }

    [Fact]
    public void QuantisedAndHalfPrecisionGgufTensorsLoadAndRunCloseToTheirDequantisedValues()
    {
        // Q8_0 attention, Q4_0 gate/up, F16 down projection (176 columns fill no 32-blocks) and embeddings.
        var path = ToGguf("tiny-llama", "llama", (name, shape) =>
            name.Contains("attn_") && !name.Contains("norm") ? GgmlType.Q8_0
            : name.Contains("ffn_gate") || name.Contains("ffn_up") ? GgmlType.Q4_0
            : shape.Length == 2 ? GgmlType.F16 : GgmlType.F32);
        using var loaded = ModelLoader.Load(path);
        Assert.Equal(Kernels.Weights.WeightType.Q8_0, loaded.Weights.Layers[0].Query.Type);
        Assert.Equal(Kernels.Weights.WeightType.Q4_0, loaded.Weights.Layers[0].Gate.Type);
        Assert.Equal(Kernels.Weights.WeightType.F16, loaded.Weights.Layers[0].Down.Type);
        int[] prompt = [1, 450, 7483, 310, 3444, 338];
        var reference = ReferenceForward.Logits(loaded, prompt)[^1];
        using var runner = loaded.CreateRunner(new KvCacheOptions { NumBlocks = 4 });
        var logits = new float[runner.VocabSize];
        runner.Forward([new SequenceSlice(prompt, 0, new[] { 0, 1, 2, 3 }, true)], logits);
        var worst = reference.Zip(logits, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 0.05f, $"largest difference {worst}");
    }

    [Fact]
    public void ShardedSafetensorsWithAnIndexLoadLikeOneFile()
    {
        var source = SharedData.Path("models", "stories260K-hf");
        foreach (var file in new[] { "config.json", "generation_config.json" })
            File.Copy(Path.Combine(source, file), Path.Combine(_folder, file));
        CheckpointWriter.WriteShards(_folder, CheckpointWriter.ReadSafetensors(Path.Combine(source, "model.safetensors")));
        var expected = File.ReadAllText(SharedData.Path("models", "stories260K-gguf", "expected_greedy_200.ids"))
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Take(40).Select(int.Parse).ToList();
        using var loaded = ModelLoader.Load(_folder);
        using var runner = loaded.CreateRunner(new KvCacheOptions { NumBlocks = 4 });
        Assert.Equal(expected, new GreedyDecoder(runner).Run([1], expected.Count).Generated);
    }
}
