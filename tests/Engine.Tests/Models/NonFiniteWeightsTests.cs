using Platform.Engine.Formats;
using Platform.Engine.Formats.Gguf;
using Platform.Engine.Models;

namespace Platform.Engine.Tests.Models;

/// <summary>F16 checkpoints whose matrices hold infinities or NaNs are refused at load, naming the tensor.</summary>
public sealed class NonFiniteWeightsTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("nonfinite-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    const int Hidden = 64, Ffn = 128, Vocab = 100;

    string WriteF16(float poison, string poisoned)
    {
        var random = new Random(3);
        var tensors = new List<(string, long[], GgmlType, float[])>();
        void Matrix(string name, int rows, int columns)
        {
            var values = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            if (name == poisoned) values[values.Length / 2 + 3] = poison;
            tensors.Add((name, [rows, columns], GgmlType.F16, values));
        }
        void Norm(string name) => tensors.Add((name, [Hidden], GgmlType.F32, Enumerable.Repeat(1f, Hidden).ToArray()));
        Matrix("token_embd.weight", Vocab, Hidden);
        Norm("blk.0.attn_norm.weight");
        foreach (var role in new[] { "attn_q", "attn_k", "attn_v", "attn_output" }) Matrix($"blk.0.{role}.weight", Hidden, Hidden);
        Norm("blk.0.ffn_norm.weight");
        Matrix("blk.0.ffn_gate.weight", Ffn, Hidden);
        Matrix("blk.0.ffn_up.weight", Ffn, Hidden);
        Matrix("blk.0.ffn_down.weight", Hidden, Ffn);
        Norm("output_norm.weight");
        Matrix("output.weight", Vocab, Hidden);
        var metadata = new Dictionary<string, object>
        {
            ["general.architecture"] = "llama",
            ["llama.embedding_length"] = (uint)Hidden,
            ["llama.block_count"] = 1u,
            ["llama.feed_forward_length"] = (uint)Ffn,
            ["llama.attention.head_count"] = 4u,
            ["llama.attention.head_count_kv"] = 4u,
            ["llama.attention.layer_norm_rms_epsilon"] = 1e-5f,
            ["llama.rope.freq_base"] = 10000f,
            ["llama.context_length"] = 128u,
            ["llama.vocab_size"] = (uint)Vocab,
        };
        var path = Path.Combine(_folder, $"{poisoned}-{poison}.gguf");
        CheckpointWriter.WriteGguf(path, metadata, tensors);
        return path;
    }

    [Theory]
    [InlineData(float.PositiveInfinity, "blk.0.ffn_down.weight")]
    [InlineData(float.NegativeInfinity, "blk.0.attn_q.weight")]
    [InlineData(float.NaN, "output.weight")]
    public void AnInfinityOrNaNInAnF16MatrixIsRefusedNamingTheTensor(float poison, string tensor)
    {
        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(WriteF16(poison, tensor)));
        Assert.Contains($"'{tensor}'", error.Message);
        Assert.Contains("infinite or NaN", error.Message);
    }

    [Fact]
    public void TheSameFileWithFiniteValuesLoads()
    {
        using var loaded = ModelLoader.Load(WriteF16(1e4f, "blk.0.ffn_down.weight"));
        Assert.Equal(Kernels.Weights.WeightType.F16, loaded.Weights.Layers[0].Down.Type);
    }
}
