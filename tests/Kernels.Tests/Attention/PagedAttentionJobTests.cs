using Platform.Kernels.Attention;
using Platform.Kernels.Numerics;
using Platform.Kernels.Threading;

namespace Platform.Kernels.Tests.Attention;

/// <summary>Online-softmax attention over scattered cache blocks (keys transposed per block) equals a plain softmax over the whole context.</summary>
public unsafe class PagedAttentionJobTests
{
    public static TheoryData<SimdLevel, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<SimdLevel, int, int, int, int, int>();
        foreach (var level in TestLevels.All())
        {
            data.Add(level, 1, 0, 20, 6, 2);
            data.Add(level, 4, 0, 20, 6, 2);
            data.Add(level, 16, 0, 20, 6, 2);
            data.Add(level, 32, 7, 20, 6, 2);
            data.Add(level, 4, 5, 20, 6, 2);
            data.Add(level, 16, 0, 64, 6, 2);
            data.Add(level, 24, 0, 72, 6, 2);
            // Query heads per KV head 1, 2, 4 and 5 (a group of four, then one).
            data.Add(level, 16, 0, 64, 4, 4);
            data.Add(level, 16, 3, 20, 4, 2);
            data.Add(level, 16, 0, 64, 8, 2);
            data.Add(level, 8, 0, 72, 10, 2);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesDenseSoftmaxAttention(SimdLevel level, int blockSize, int window, int headDim, int heads, int kvHeads)
    {
        const int length = 23, blocks = 32;
        var random = new Random(blockSize + window + headDim);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var keys = new float[blocks * kvHeads * blockSize * headDim];
        var values = new float[keys.Length];
        for (var i = 0; i < keys.Length; i++) { keys[i] = Next(); values[i] = Next(); }
        var table = Enumerable.Range(0, blocks).Select(i => (i * 7 + 3) % blocks).ToArray();
        // Query tokens at a few positions, as a prefill chunk would have them.
        var positions = new[] { 0, 9, length - 1 };
        var queries = Enumerable.Range(0, positions.Length * heads * headDim).Select(_ => Next() * 2).ToArray();
        var output = new float[queries.Length];
        using var job = new PagedAttentionJob();
        fixed (float* k = keys, v = values, q = queries, o = output)
        fixed (int* t = table, p = positions)
        {
            var tables = stackalloc int*[positions.Length];
            for (var i = 0; i < positions.Length; i++) tables[i] = t;
            job.Queries = q; job.Output = o; job.Tokens = positions.Length; job.Positions = p; job.BlockTables = tables;
            job.Keys = k; job.Values = v; job.BlockSize = blockSize; job.NumHeads = heads; job.NumKvHeads = kvHeads;
            job.HeadDim = headDim; job.Scale = 1f / MathF.Sqrt(headDim); job.SlidingWindow = window; job.Level = level;
            using var pool = new WorkerPool(2);
            pool.Run(job, job.ChunkCount());
        }
        for (var token = 0; token < positions.Length; token++)
            for (var h = 0; h < heads; h++)
            {
                var kvh = h / (heads / kvHeads);
                var first = window > 0 ? Math.Max(0, positions[token] - window + 1) : 0;
                var scores = new double[positions[token] + 1];
                for (var s = first; s <= positions[token]; s++)
                {
                    double dot = 0;
                    for (var i = 0; i < headDim; i++) dot += queries[(token * heads + h) * headDim + i] * keys[KeyOffset(table, s, kvh, blockSize, kvHeads, headDim, i)];
                    scores[s] = dot / Math.Sqrt(headDim);
                }
                var max = scores.Skip(first).Max();
                var sum = scores.Skip(first).Sum(x => Math.Exp(x - max));
                for (var i = 0; i < headDim; i++)
                {
                    double expected = 0;
                    for (var s = first; s <= positions[token]; s++)
                        expected += Math.Exp(scores[s] - max) / sum * values[Offset(table, s, kvh, blockSize, kvHeads, headDim) + i];
                    Assert.Equal(expected, output[(token * heads + h) * headDim + i], 1e-5);
                }
            }
    }

    private static int KeyOffset(int[] table, int position, int kvHead, int blockSize, int kvHeads, int headDim, int d) =>
        ((table[position / blockSize] * kvHeads + kvHead) * headDim + d) * blockSize + position % blockSize;

    private static int Offset(int[] table, int position, int kvHead, int blockSize, int kvHeads, int headDim) =>
        ((table[position / blockSize] * kvHeads + kvHead) * blockSize + position % blockSize) * headDim;
}
