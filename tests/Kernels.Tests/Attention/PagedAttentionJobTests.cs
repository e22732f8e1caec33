using Platform.Kernels.Attention;
using Platform.Kernels.Numerics;
using Platform.Kernels.Threading;

namespace Platform.Kernels.Tests.Attention;

/// <summary>
/// Online-softmax attention over scattered cache blocks (keys transposed per block, written by <see cref="KvBlockWriter"/>)
/// equals a plain softmax over the whole context, for every element type of the cache.
/// </summary>
public unsafe class PagedAttentionJobTests
{
    public static TheoryData<SimdLevel, KvCacheDtype, int, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<SimdLevel, KvCacheDtype, int, int, int, int, int, int>();
        foreach (var level in TestLevels.All())
            foreach (var dtype in Enum.GetValues<KvCacheDtype>())
            {
                data.Add(level, dtype, 1, 0, 20, 6, 2, 23);
                data.Add(level, dtype, 4, 0, 20, 6, 2, 23);
                data.Add(level, dtype, 16, 0, 20, 6, 2, 23);
                data.Add(level, dtype, 32, 7, 20, 6, 2, 23);
                data.Add(level, dtype, 4, 5, 20, 6, 2, 23);
                data.Add(level, dtype, 16, 0, 64, 6, 2, 23);
                data.Add(level, dtype, 24, 0, 72, 6, 2, 23);
                // Query heads per KV head 1, 2, 4 and 5 (a group of four, then one).
                data.Add(level, dtype, 16, 0, 64, 4, 4, 23);
                data.Add(level, dtype, 16, 3, 20, 4, 2, 23);
                data.Add(level, dtype, 16, 0, 64, 8, 2, 23);
                data.Add(level, dtype, 8, 0, 72, 10, 2, 23);
                // Longer contexts: many blocks, one of them partial.
                data.Add(level, dtype, 16, 0, 64, 8, 2, 301);
                data.Add(level, dtype, 16, 0, 128, 4, 4, 200);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesDenseSoftmaxAttentionOverTheStoredValues(SimdLevel level, KvCacheDtype dtype, int blockSize, int window, int headDim, int heads, int kvHeads, int length)
    {
        var cache = new Cache(dtype, blockSize, headDim, heads, kvHeads, length, seed: blockSize + window + headDim);
        var output = cache.Attend(level, window);
        for (var token = 0; token < cache.Positions.Length; token++)
            for (var h = 0; h < heads; h++)
            {
                var kvh = h / (heads / kvHeads);
                var position = cache.Positions[token];
                var first = window > 0 ? Math.Max(0, position - window + 1) : 0;
                var scores = new double[position + 1];
                for (var s = first; s <= position; s++)
                {
                    double dot = 0;
                    for (var i = 0; i < headDim; i++) dot += cache.Queries[(token * heads + h) * headDim + i] * cache.StoredKey(s, kvh, i);
                    scores[s] = dot / Math.Sqrt(headDim);
                }
                var max = scores.Skip(first).Max();
                var sum = scores.Skip(first).Sum(x => Math.Exp(x - max));
                for (var i = 0; i < headDim; i++)
                {
                    double expected = 0;
                    for (var s = first; s <= position; s++)
                        expected += Math.Exp(scores[s] - max) / sum * cache.StoredValue(s, kvh, i);
                    Assert.Equal(expected, output[(token * heads + h) * headDim + i], 1e-5);
                }
            }
    }

    [Theory]
    [InlineData(KvCacheDtype.F16, 1e-3)]
    [InlineData(KvCacheDtype.BF16, 8e-3)]
    [InlineData(KvCacheDtype.Fp8E4M3, 4e-2)]
    [InlineData(KvCacheDtype.Fp8E5M2, 8e-2)]
    public void ANarrowerCacheStaysWithinToleranceOfTheFloatCache(KvCacheDtype dtype, double tolerance)
    {
        foreach (var level in new[] { SimdLevel.Scalar, SimdLevel.Vector256, SimdLevel.Vector512 }.Where(l => l <= Simd.Best))
            foreach (var (blockSize, headDim, heads, kvHeads, length) in new[] { (16, 64, 8, 2, 301), (4, 64, 4, 4, 40), (16, 128, 8, 1, 129) })
            {
                var reference = new Cache(KvCacheDtype.F32, blockSize, headDim, heads, kvHeads, length, seed: 9).Attend(level, 0);
                var actual = new Cache(dtype, blockSize, headDim, heads, kvHeads, length, seed: 9).Attend(level, 0);
                var worst = reference.Zip(actual, (r, a) => Math.Abs(r - a)).Max();
                Assert.True(worst <= tolerance, $"{level} {dtype} block {blockSize} length {length}: largest difference {worst} exceeds {tolerance}");
            }
    }

    /// <summary>A cache of <c>length</c> random tokens in scattered blocks, and queries at a few positions as a prefill chunk has them.</summary>
    private sealed class Cache
    {
        private readonly KvCacheDtype _dtype;
        private readonly int _blockSize, _headDim, _heads, _kvHeads, _elementSize;
        private readonly byte[] _keys, _values;
        private readonly int[] _table;

        public Cache(KvCacheDtype dtype, int blockSize, int headDim, int heads, int kvHeads, int length, int seed)
        {
            (_dtype, _blockSize, _headDim, _heads, _kvHeads, _elementSize) = (dtype, blockSize, headDim, heads, kvHeads, dtype.ElementSize());
            var random = new Random(seed);
            float Next() => (float)(random.NextDouble() * 2 - 1);
            var blocks = length / blockSize + 2;
            _table = Enumerable.Range(0, blocks).Select(i => (i * 7 + 3) % blocks).ToArray();
            if (blocks % 7 == 0) _table = Enumerable.Range(0, blocks).Reverse().ToArray();
            _keys = new byte[blocks * kvHeads * blockSize * headDim * _elementSize];
            _values = new byte[_keys.Length];
            var key = new float[kvHeads * headDim];
            var value = new float[key.Length];
            var blockBytes = kvHeads * blockSize * headDim * _elementSize;
            fixed (byte* k = _keys, v = _values)
            fixed (float* kt = key, vt = value)
                for (var p = 0; p < length; p++)
                {
                    for (var i = 0; i < key.Length; i++) { key[i] = Next(); value[i] = Next(); }
                    var block = _table[p / blockSize];
                    KvBlockWriter.Write(dtype, k + block * blockBytes, v + block * blockBytes, p % blockSize, blockSize, kvHeads, headDim, kt, vt);
                }
            Positions = [0, Math.Min(9, length - 1), length / 2, length - 1];
            Queries = Enumerable.Range(0, Positions.Length * heads * headDim).Select(_ => Next() * 2).ToArray();
        }

        public int[] Positions { get; }
        public float[] Queries { get; }

        public float[] Attend(SimdLevel level, int window)
        {
            var output = new float[Queries.Length];
            using var job = new PagedAttentionJob();
            fixed (byte* k = _keys, v = _values)
            fixed (float* q = Queries, o = output)
            fixed (int* t = _table, p = Positions)
            {
                var tables = stackalloc int*[Positions.Length];
                for (var i = 0; i < Positions.Length; i++) tables[i] = t;
                job.Queries = q; job.Output = o; job.Tokens = Positions.Length; job.Positions = p; job.BlockTables = tables;
                job.Keys = k; job.Values = v; job.Dtype = _dtype; job.BlockSize = _blockSize; job.NumHeads = _heads; job.NumKvHeads = _kvHeads;
                job.HeadDim = _headDim; job.Scale = 1f / MathF.Sqrt(_headDim); job.SlidingWindow = window; job.Level = level;
                using var pool = new WorkerPool(2);
                pool.Run(job, job.ChunkCount());
            }
            return output;
        }

        public float StoredKey(int position, int kvHead, int d) =>
            Read(_keys, ((_table[position / _blockSize] * _kvHeads + kvHead) * _headDim + d) * _blockSize + position % _blockSize);

        public float StoredValue(int position, int kvHead, int d) =>
            Read(_values, ((_table[position / _blockSize] * _kvHeads + kvHead) * _blockSize + position % _blockSize) * _headDim + d);

        private float Read(byte[] cache, int element) => _dtype switch
        {
            KvCacheDtype.F32 => BitConverter.ToSingle(cache, element * 4),
            KvCacheDtype.F16 => (float)BitConverter.ToHalf(cache, element * 2),
            KvCacheDtype.Fp8E4M3 => Fp8<E4M3>.Decode(cache[element]),
            KvCacheDtype.Fp8E5M2 => Fp8<E5M2>.Decode(cache[element]),
            _ => HalfConversion.BFloat16ToSingle(BitConverter.ToUInt16(cache, element * 2)),
        };
    }
}
