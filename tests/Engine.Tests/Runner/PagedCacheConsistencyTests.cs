using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Kernels.Attention;
using Platform.Kernels.Weights;

namespace Platform.Engine.Tests.Runner;

/// <summary>
/// Incremental decoding over the paged cache gives the logits of recomputing the whole sequence without a cache: to
/// float rounding over a float cache, within a stated tolerance over a half-precision one.
/// </summary>
public class PagedCacheConsistencyTests
{
    private static ModelConfig Config(bool bias = false, int window = 0) => ModelConfig.ForShape(64, 2, 4, 2, 96, 97) with
    {
        AttentionBias = bias,
        SlidingWindow = window,
        Architecture = bias ? ModelArchitecture.Qwen2 : ModelArchitecture.Llama,
    };

    private static int[] Tokens(int seed, int count) => Enumerable.Range(0, count).Select(i => (i * 31 + seed * 7) % 97).ToArray();

    [Theory]
    [InlineData(1, KvCacheDtype.F32, 1e-4f)]
    [InlineData(4, KvCacheDtype.F32, 1e-4f)]
    [InlineData(16, KvCacheDtype.F32, 1e-4f)]
    [InlineData(4, KvCacheDtype.F16, 2e-3f)]
    [InlineData(16, KvCacheDtype.F16, 2e-3f)]
    [InlineData(4, KvCacheDtype.BF16, 3e-2f)]
    public void TokenByTokenDecodingMatchesFullRecompute(int blockSize, KvCacheDtype dtype, float tolerance)
    {
        using var model = RandomModel.Create(Config(), WeightType.F32, seed: 1);
        var tokens = Tokens(1, 21);
        var reference = ReferenceForward.Logits(model, tokens);
        using var runner = model.CreateRunner(new KvCacheOptions { BlockSize = blockSize, NumBlocks = 64, Dtype = dtype });
        // A scattered, non-contiguous block table.
        var table = Enumerable.Range(0, 64).Select(i => (i * 37 + 5) % 64).ToArray();
        var logits = new float[runner.VocabSize];
        // Prefill a first chunk of 5, then decode one by one.
        runner.Forward([new SequenceSlice(tokens[..5], 0, table, true)], logits);
        AssertClose(reference[4], logits, tolerance);
        for (var p = 5; p < tokens.Length; p++)
        {
            runner.Forward([new SequenceSlice(tokens[p..(p + 1)], p, table, true)], logits);
            AssertClose(reference[p], logits, tolerance);
        }
    }

    [Theory]
    [InlineData(1, false, 0)]
    [InlineData(4, true, 0)]
    [InlineData(16, false, 0)]
    [InlineData(4, false, 6)]
    public void MixedBatchOfPrefillChunksAndDecodesMatchesEachSequenceAlone(int blockSize, bool bias, int window)
    {
        using var model = RandomModel.Create(Config(bias, window), WeightType.F32, seed: 2);
        var sequences = new[] { Tokens(3, 19), Tokens(4, 9), Tokens(5, 14) };
        var references = sequences.Select(s => ReferenceForward.Logits(model, s)).ToArray();
        using var runner = model.CreateRunner(new KvCacheOptions { BlockSize = blockSize, NumBlocks = 64, Dtype = KvCacheDtype.F32 });
        // Interleaved block ids so sequences' blocks alternate through the pool.
        var tables = Enumerable.Range(0, 3).Select(s => Enumerable.Range(0, 21).Select(i => 63 - (i * 3 + s)).ToArray()).ToArray();
        var done = new int[3];
        var logits = new float[3 * runner.VocabSize];
        // Step 1: prefill chunks of different lengths (sequence 1 without logits).
        // Step 2 onward: each sequence either prefills another chunk or decodes a token.
        int[][] plan = [[7, 4, 9], [5, 5, 1], [1, 0, 1], [6, 0, 3]];
        for (var stepIndex = 0; done.Where((d, s) => d < sequences[s].Length).Any(); stepIndex++)
        {
            var step = stepIndex < plan.Length ? plan[stepIndex] : [1, 1, 1];
            var batch = new List<SequenceSlice>();
            var order = new List<int>();
            for (var s = 0; s < 3; s++)
            {
                var n = step[s];
                if (n == 0 && done[s] < sequences[s].Length) n = 1;
                if (n == 0 || done[s] >= sequences[s].Length) continue;
                n = Math.Min(n, sequences[s].Length - done[s]);
                var wantLogits = !(s == 1 && done[s] == 0);
                batch.Add(new SequenceSlice(sequences[s][done[s]..(done[s] + n)], done[s], tables[s], wantLogits));
                done[s] += n;
                if (wantLogits) order.Add(s);
            }
            runner.Forward(batch.ToArray(), logits);
            for (var i = 0; i < order.Count; i++)
                AssertClose(references[order[i]][done[order[i]] - 1], logits.AsSpan(i * runner.VocabSize, runner.VocabSize).ToArray(), 1e-4f);
        }
    }

    [Theory]
    [InlineData(WeightType.F16, 2e-3f)]
    [InlineData(WeightType.BF16, 2e-3f)]
    [InlineData(WeightType.Q8_0, 0.05f)]
    [InlineData(WeightType.Q4_0, 0.15f)]
    public void EveryWeightTypeRunsCloseToTheReference(WeightType type, float tolerance)
    {
        using var model = RandomModel.Create(Config(), type, seed: 3);
        var tokens = Tokens(6, 11);
        var reference = ReferenceForward.Logits(model, tokens);
        using var runner = model.CreateRunner(new KvCacheOptions { BlockSize = 4, NumBlocks = 8, Dtype = KvCacheDtype.F32 });
        var logits = new float[runner.VocabSize];
        runner.Forward([new SequenceSlice(tokens, 0, Enumerable.Range(0, 8).ToArray(), true)], logits);
        AssertClose(reference[^1], logits, tolerance);
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"largest logit difference {worst} exceeds {tolerance}");
    }
}
