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
    /// <summary>Which query tokens a case attends with: the decode-like spread, whole prefill chunks, or a mixed step.</summary>
    public enum QueryLayout
    {
        /// <summary>Positions 0, 9, length/2 and length - 1 of one sequence: each a tile of its own.</summary>
        Spread,
        /// <summary>The prompt's last 37 positions (or all if shorter) as one prefill chunk, starting mid-block.</summary>
        Chunk,
        /// <summary>Three sequences in one step: a chunk of 13 from position 5, one decode token, a chunk of 6 at the end.</summary>
        Mixed,
    }

    public static TheoryData<SimdLevel, KvCacheDtype, int, int, int, int, int, int, QueryLayout> Cases()
    {
        var data = new TheoryData<SimdLevel, KvCacheDtype, int, int, int, int, int, int, QueryLayout>();
        foreach (var level in TestLevels.All())
            foreach (var dtype in Enum.GetValues<KvCacheDtype>())
                foreach (var queries in Enum.GetValues<QueryLayout>())
                {
                    data.Add(level, dtype, 1, 0, 20, 6, 2, 23, queries);
                    data.Add(level, dtype, 4, 0, 20, 6, 2, 23, queries);
                    data.Add(level, dtype, 16, 0, 20, 6, 2, 23, queries);
                    data.Add(level, dtype, 32, 7, 20, 6, 2, 23, queries);
                    data.Add(level, dtype, 4, 5, 20, 6, 2, 23, queries);
                    data.Add(level, dtype, 16, 0, 64, 6, 6, 23, queries);
                    data.Add(level, dtype, 24, 0, 72, 6, 2, 23, queries);
                    // Query heads per KV head 1, 2, 4 and 5 (a group of four, then one).
                    data.Add(level, dtype, 16, 0, 64, 4, 4, 23, queries);
                    data.Add(level, dtype, 16, 3, 20, 4, 2, 23, queries);
                    data.Add(level, dtype, 16, 0, 64, 8, 2, 23, queries);
                    data.Add(level, dtype, 8, 0, 72, 10, 2, 23, queries);
                    // Longer contexts: many blocks, one of them partial; a window spanning several blocks.
                    data.Add(level, dtype, 16, 0, 64, 8, 2, 301, queries);
                    data.Add(level, dtype, 16, 0, 128, 4, 4, 200, queries);
                    data.Add(level, dtype, 16, 0, 64, 3, 3, 61, queries);
                    data.Add(level, dtype, 4, 10, 64, 4, 2, 61, queries);
                }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesDenseSoftmaxAttentionOverTheStoredValues(SimdLevel level, KvCacheDtype dtype, int blockSize, int window, int headDim, int heads, int kvHeads, int length, QueryLayout queries)
    {
        var cache = new Cache(dtype, blockSize, headDim, heads, kvHeads, length, queries, seed: blockSize + window + headDim);
        var output = cache.Attend(level, window);
        for (var token = 0; token < cache.Positions.Length; token++)
            for (var h = 0; h < heads; h++)
            {
                var kvh = h / (heads / kvHeads);
                var (sequence, position) = (cache.Sequences[token], cache.Positions[token]);
                var first = window > 0 ? Math.Max(0, position - window + 1) : 0;
                var scores = new double[position + 1];
                for (var s = first; s <= position; s++)
                {
                    double dot = 0;
                    for (var i = 0; i < headDim; i++) dot += cache.Queries[(token * heads + h) * headDim + i] * cache.StoredKey(sequence, s, kvh, i);
                    scores[s] = dot / Math.Sqrt(headDim);
                }
                var max = scores.Skip(first).Max();
                var sum = scores.Skip(first).Sum(x => Math.Exp(x - max));
                for (var i = 0; i < headDim; i++)
                {
                    double expected = 0;
                    for (var s = first; s <= position; s++)
                        expected += Math.Exp(scores[s] - max) / sum * cache.StoredValue(sequence, s, kvh, i);
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
                var reference = new Cache(KvCacheDtype.F32, blockSize, headDim, heads, kvHeads, length, QueryLayout.Chunk, seed: 9).Attend(level, 0);
                var actual = new Cache(dtype, blockSize, headDim, heads, kvHeads, length, QueryLayout.Chunk, seed: 9).Attend(level, 0);
                var worst = reference.Zip(actual, (r, a) => Math.Abs(r - a)).Max();
                Assert.True(worst <= tolerance, $"{level} {dtype} block {blockSize} length {length}: largest difference {worst} exceeds {tolerance}");
            }
    }

    /// <summary>
    /// Three sequences of <c>length</c> random tokens each, in blocks scattered over one pool, and query tokens as
    /// <see cref="QueryLayout"/> lays them out. Every position of a sequence is written, also those after a query, which
    /// the causal mask must hide.
    /// </summary>
    private sealed class Cache
    {
        private const int SequenceCount = 3;
        private readonly KvCacheDtype _dtype;
        private readonly int _blockSize, _headDim, _heads, _kvHeads, _elementSize, _blocksPerSequence;
        private readonly byte[] _keys, _values;
        private readonly int[] _table;

        public Cache(KvCacheDtype dtype, int blockSize, int headDim, int heads, int kvHeads, int length, QueryLayout queries, int seed)
        {
            (_dtype, _blockSize, _headDim, _heads, _kvHeads, _elementSize) = (dtype, blockSize, headDim, heads, kvHeads, dtype.ElementSize());
            var random = new Random(seed);
            float Next() => (float)(random.NextDouble() * 2 - 1);
            _blocksPerSequence = length / blockSize + 2;
            var blocks = SequenceCount * _blocksPerSequence;
            // One table per sequence, back to back: block i of the pool is reached as (i · 7 + 3) mod blocks, a scatter.
            _table = Enumerable.Range(0, blocks).Select(i => (i * 7 + 3) % blocks).ToArray();
            if (blocks % 7 == 0) _table = Enumerable.Range(0, blocks).Reverse().ToArray();
            _keys = new byte[blocks * kvHeads * blockSize * headDim * _elementSize];
            _values = new byte[_keys.Length];
            var key = new float[kvHeads * headDim];
            var value = new float[key.Length];
            var blockBytes = kvHeads * blockSize * headDim * _elementSize;
            fixed (byte* k = _keys, v = _values)
            fixed (float* kt = key, vt = value)
                for (var sequence = 0; sequence < SequenceCount; sequence++)
                    for (var p = 0; p < length; p++)
                    {
                        for (var i = 0; i < key.Length; i++) { key[i] = Next(); value[i] = Next(); }
                        var block = Block(sequence, p);
                        KvBlockWriter.Write(dtype, k + block * blockBytes, v + block * blockBytes, p % blockSize, blockSize, kvHeads, headDim, kt, vt);
                    }
            (Sequences, Positions) = queries switch
            {
                QueryLayout.Spread => (new int[4], new[] { 0, Math.Min(9, length - 1), length / 2, length - 1 }),
                QueryLayout.Chunk => Run(0, Math.Max(0, length - 37), length),
                _ => Concat(Run(0, 5, Math.Min(18, length)), Run(1, length - 1, length), Run(2, Math.Max(0, length - 6), length)),
            };
            Queries = Enumerable.Range(0, Positions.Length * heads * headDim).Select(_ => Next() * 2).ToArray();
        }

        /// <summary>Per query token: which sequence it belongs to.</summary>
        public int[] Sequences { get; }
        public int[] Positions { get; }
        public float[] Queries { get; }

        private static (int[], int[]) Run(int sequence, int from, int to) =>
            (Enumerable.Repeat(sequence, to - from).ToArray(), Enumerable.Range(from, to - from).ToArray());

        private static (int[], int[]) Concat(params (int[] S, int[] P)[] runs) =>
            (runs.SelectMany(r => r.S).ToArray(), runs.SelectMany(r => r.P).ToArray());

        private int Block(int sequence, int position) => _table[sequence * _blocksPerSequence + position / _blockSize];

        public float[] Attend(SimdLevel level, int window)
        {
            var output = new float[Queries.Length];
            using var job = new PagedAttentionJob();
            fixed (byte* k = _keys, v = _values)
            fixed (float* q = Queries, o = output)
            fixed (int* t = _table, p = Positions)
            {
                var tables = stackalloc int*[Positions.Length];
                for (var i = 0; i < Positions.Length; i++) tables[i] = t + Sequences[i] * _blocksPerSequence;
                job.Queries = q; job.Output = o; job.Tokens = Positions.Length; job.Positions = p; job.BlockTables = tables;
                job.Keys = k; job.Values = v; job.Dtype = _dtype; job.BlockSize = _blockSize; job.NumHeads = _heads; job.NumKvHeads = _kvHeads;
                job.HeadDim = _headDim; job.Scale = 1f / MathF.Sqrt(_headDim); job.SlidingWindow = window; job.Level = level;
                using var pool = new WorkerPool(2);
                pool.Run(job, job.Plan());
            }
            return output;
        }

        public float StoredKey(int sequence, int position, int kvHead, int d) =>
            Read(_keys, ((Block(sequence, position) * _kvHeads + kvHead) * _headDim + d) * _blockSize + position % _blockSize);

        public float StoredValue(int sequence, int position, int kvHead, int d) =>
            Read(_values, ((Block(sequence, position) * _kvHeads + kvHead) * _blockSize + position % _blockSize) * _headDim + d);

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
