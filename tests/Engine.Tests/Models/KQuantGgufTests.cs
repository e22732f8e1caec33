using Platform.Engine.Formats.Gguf;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Tests.Runner;
using Platform.Kernels.Weights;

namespace Platform.Engine.Tests.Models;

/// <summary>GGUF files with K-quant tensors (the Q4_K_M mix) load and run without expanding their matrices.</summary>
public sealed class KQuantGgufTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("kquant-gguf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    const int Hidden = 256, Heads = 4, KvHeads = 2, Ffn = 512, Vocab = 300, Layers = 2;

    /// <summary>A random llama of 256-wide rows stored as llama.cpp's Q4_K_M recipe does: Q6_K for V, down and output, Q4_K elsewhere.</summary>
    string WriteQ4KM(GgmlType embedding)
    {
        var random = new Random(7);
        float[] Values(long count, double scale) => Enumerable.Range(0, (int)count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
        var tensors = new List<(string, long[], GgmlType, float[])>();
        void Matrix(string name, int rows, int columns, GgmlType type) => tensors.Add((name, [rows, columns], type, Values((long)rows * columns, 1.7 / Math.Sqrt(columns))));
        void Norm(string name) => tensors.Add((name, [Hidden], GgmlType.F32, Enumerable.Repeat(1f, Hidden).ToArray()));
        Matrix("token_embd.weight", Vocab, Hidden, embedding);
        for (var l = 0; l < Layers; l++)
        {
            Norm($"blk.{l}.attn_norm.weight");
            Matrix($"blk.{l}.attn_q.weight", Hidden, Hidden, GgmlType.Q4_K);
            Matrix($"blk.{l}.attn_k.weight", KvHeads * Hidden / Heads, Hidden, GgmlType.Q4_K);
            Matrix($"blk.{l}.attn_v.weight", KvHeads * Hidden / Heads, Hidden, GgmlType.Q6_K);
            Matrix($"blk.{l}.attn_output.weight", Hidden, Hidden, GgmlType.Q5_K);
            Norm($"blk.{l}.ffn_norm.weight");
            Matrix($"blk.{l}.ffn_gate.weight", Ffn, Hidden, GgmlType.Q4_K);
            Matrix($"blk.{l}.ffn_up.weight", Ffn, Hidden, GgmlType.Q4_K);
            Matrix($"blk.{l}.ffn_down.weight", Hidden, Ffn, GgmlType.Q6_K);
        }
        Norm("output_norm.weight");
        Matrix("output.weight", Vocab, Hidden, GgmlType.Q6_K);
        var metadata = new Dictionary<string, object>
        {
            ["general.architecture"] = "llama",
            ["llama.embedding_length"] = (uint)Hidden,
            ["llama.block_count"] = (uint)Layers,
            ["llama.feed_forward_length"] = (uint)Ffn,
            ["llama.attention.head_count"] = (uint)Heads,
            ["llama.attention.head_count_kv"] = (uint)KvHeads,
            ["llama.attention.layer_norm_rms_epsilon"] = 1e-5f,
            ["llama.rope.freq_base"] = 10000f,
            ["llama.context_length"] = 512u,
            ["llama.vocab_size"] = (uint)Vocab,
        };
        var path = Path.Combine(_folder, "q4_k_m.gguf");
        CheckpointWriter.WriteGguf(path, metadata, tensors);
        return path;
    }

    [Theory]
    [InlineData(GgmlType.Q4_K)]
    [InlineData(GgmlType.Q6_K)]
    public void Q4KMFileLoadsKeepsItsTypesAndItsLogitsStayWithinMatMulToleranceOfTheFloatReference(GgmlType embedding)
    {
        using var loaded = ModelLoader.Load(WriteQ4KM(embedding));
        Assert.Equal(WeightType.Q4_K, loaded.Weights.Layers[0].Query.Type);
        Assert.Equal(WeightType.Q6_K, loaded.Weights.Layers[0].Value.Type);
        Assert.Equal(WeightType.Q5_K, loaded.Weights.Layers[0].Output.Type);
        Assert.Equal(WeightType.Q6_K, loaded.Weights.Output.Type);

        int[] prompt = [1, 17, 250, 3, 99, 42, 7, 128, 64, 5];
        var reference = ReferenceForward.Logits(loaded, prompt);
        using var runner = loaded.CreateRunner(new KvCacheOptions { NumBlocks = 4 });
        var logits = new float[runner.VocabSize];
        // Prefill (8+ tokens: weights expanded per tile) for the last position, then one decode step (integer dot products).
        runner.Forward([new SequenceSlice(prompt[..^1], 0, new[] { 0, 1, 2, 3 }, true)], logits);
        AssertClose(reference[^2], logits);
        runner.Forward([new SequenceSlice(prompt[^1..], prompt.Length - 1, new[] { 0, 1, 2, 3 }, true)], logits);
        AssertClose(reference[^1], logits);
    }

    /// <summary>test-backend-ops' bound for a quantised matrix product: normalised mean squared error under 5e-4.</summary>
    static void AssertClose(float[] expected, float[] actual)
    {
        double error = 0, norm = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            error += (double)(expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += (double)expected[i] * expected[i];
        }
        Assert.True(error / norm < 5e-4, $"NMSE {error / norm}");
    }
}
