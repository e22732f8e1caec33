using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Threading;

namespace Platform.Kernels.Attention;

/// <summary>
/// Causal attention of a batch of query tokens over a paged KV cache. Cache layout per layer and block:
/// keys [kvHead][headDim][slot] (transposed, so scores of many slots come out of one vector), values
/// [kvHead][slot][headDim]; one head's block is contiguous either way.
/// Blocks are visited in order with an online softmax (running max and sum per query), so memory stays
/// one block of scores per query whatever the context length. Consecutive tokens of one sequence (a prefill chunk)
/// form tiles of up to <see cref="TileTokens"/>, and all queries of a tile that read one KV head (its tokens times the
/// GQA group) share each loaded key and value block, each masked to its own causal range. Work items are
/// (tile, KV head) pairs, dealt round-robin to chunks so causal prefill (later tiles attend further) stays balanced.
/// Elements are <see cref="Dtype"/>, widened to float in registers.
/// </summary>
public sealed unsafe class PagedAttentionJob : IParallelWork, IDisposable
{
    /// <summary>The most tokens of one sequence a tile takes together.</summary>
    public const int TileTokens = 4;

    private readonly WorkerScratch _scratch = new();
    private int[] _tileStarts = new int[64];
    private int _tiles;

    /// <summary>[Tokens, NumHeads, HeadDim] queries, already rotated.</summary>
    public float* Queries;
    /// <summary>[Tokens, NumHeads, HeadDim] results.</summary>
    public float* Output;
    public int Tokens;
    /// <summary>Per token: its own position p; it attends to positions 0..p (or the last SlidingWindow of them).</summary>
    public int* Positions;
    /// <summary>Per token: its sequence's block table (block b holds positions b·BlockSize…).</summary>
    public int** BlockTables;
    /// <summary>This layer's key and value caches, elements of <see cref="Dtype"/>.</summary>
    public void* Keys;
    public void* Values;
    public KvCacheDtype Dtype;
    public int BlockSize;
    public int NumHeads;
    public int NumKvHeads;
    public int HeadDim;
    public float Scale;
    /// <summary>0 for full causal attention, else how many most recent positions (including its own) a token sees.</summary>
    public int SlidingWindow;
    public SimdLevel Level = Simd.Best;

    /// <summary>
    /// Groups the tokens into tiles (runs of consecutive positions sharing a block table) and returns the chunks to
    /// split into: items are dealt round-robin to chunks, at most 32 of them. Call after setting the fields, before running.
    /// </summary>
    public int Plan()
    {
        if (_tileStarts.Length < Tokens + 1) _tileStarts = new int[Math.Max(Tokens + 1, 2 * _tileStarts.Length)];
        _tiles = 0;
        for (var t = 0; t < Tokens; t++)
        {
            var start = _tiles == 0 ? -1 : _tileStarts[_tiles - 1];
            var joins = start >= 0 && t - start < TileTokens && BlockTables[t] == BlockTables[start]
                && Positions[t] == Positions[t - 1] + 1;
            if (!joins) _tileStarts[_tiles++] = t;
        }
        _tileStarts[_tiles] = Tokens;
        return Math.Min(_tiles * NumKvHeads, 32);
    }

    public void Execute(int chunk, int chunkCount, int worker)
    {
        var queries = TileTokens * (NumHeads / NumKvHeads);
        var scratch = _scratch.Get(worker, queries * (BlockSize + 2 * HeadDim + 4));
        for (var item = chunk; item < _tiles * NumKvHeads; item += chunkCount)
            Attend(item / NumKvHeads, item % NumKvHeads, scratch);
    }

    private void Attend(int tile, int kvHead, float* scratch)
    {
        switch (Dtype)
        {
            case KvCacheDtype.F16: Attend<F16Elements>(tile, kvHead, scratch); break;
            case KvCacheDtype.BF16: Attend<BF16Elements>(tile, kvHead, scratch); break;
            case KvCacheDtype.Fp8E4M3: Attend<Fp8Elements<E4M3>>(tile, kvHead, scratch); break;
            case KvCacheDtype.Fp8E5M2: Attend<Fp8Elements<E5M2>>(tile, kvHead, scratch); break;
            default: Attend<F32Elements>(tile, kvHead, scratch); break;
        }
    }

    private void Attend<TE>(int tile, int kvHead, float* scratch) where TE : struct, IKvElements
    {
        switch (Level)
        {
            case SimdLevel.Vector512: Attend<Lanes512, Vector512<float>, TE>(tile, kvHead, scratch); break;
            case SimdLevel.Vector256: Attend<Lanes256, Vector256<float>, TE>(tile, kvHead, scratch); break;
            default: Attend<LanesScalar, float, TE>(tile, kvHead, scratch); break;
        }
    }

    /// <summary>
    /// Query j of the tile is head kvHead·group + j % group of token first + j / group; its queries, accumulator, scores
    /// and softmax state sit at index j of the scratch arrays, so the block kernel takes any four consecutive ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Attend<TL, TV, TE>(int tile, int kvHead, float* scratch)
        where TL : struct, IFloatLanes<TV> where TV : struct where TE : struct, IKvElements
    {
        var group = NumHeads / NumKvHeads;
        int firstToken = _tileStarts[tile], tokens = _tileStarts[tile + 1] - firstToken, count = tokens * group;
        var q = scratch;
        var acc = q + count * HeadDim;
        var scores = acc + count * HeadDim;
        var max = scores + count * BlockSize;
        var sum = max + count;
        var bounds = (int*)(sum + count);
        var firstPosition = Positions[firstToken];
        var start = SlidingWindow > 0 ? Math.Max(0, firstPosition - SlidingWindow + 1) : 0;
        var end = firstPosition + tokens;
        var table = BlockTables[firstToken];
        var headBlock = BlockSize * HeadDim;
        var blockElements = (long)NumKvHeads * headBlock;
        var size = TE.Bytes;
        for (var t = 0; t < tokens; t++)
        {
            // Reads come divided by TE.Scale (a power of two): the queries and the scores take it instead, exactly.
            var source = Queries + ((long)(firstToken + t) * NumHeads + kvHead * group) * HeadDim;
            var target = q + t * group * HeadDim;
            for (var i = 0; i < group * HeadDim; i++) target[i] = source[i] * TE.QueryScale;
        }
        var scoreScale = Scale * (TE.Scale / TE.QueryScale);
        new Span<float>(acc, count * HeadDim).Clear();
        for (var j = 0; j < count; j++)
        {
            max[j] = float.NegativeInfinity;
            sum[j] = 0;
        }
        for (var b = start / BlockSize; b * BlockSize < end; b++)
        {
            var offset = (table[b] * blockElements + (long)kvHead * headBlock) * size;
            void* keys = (byte*)Keys + offset, values = (byte*)Values + offset;
            var blockStart = b * BlockSize;
            if ((b + 1) * BlockSize < end) PrefetchBlock((table[b + 1] * blockElements + (long)kvHead * headBlock) * size, headBlock * size);
            for (int t = 0, j = 0; t < tokens; t++)
            {
                var position = firstPosition + t;
                var seen = SlidingWindow > 0 ? Math.Max(0, position - SlidingWindow + 1) : 0;
                int from = Math.Clamp(seen - blockStart, 0, BlockSize), to = Math.Clamp(position + 1 - blockStart, 0, BlockSize);
                for (var g = 0; g < group; g++, j++)
                {
                    bounds[2 * j] = from;
                    bounds[2 * j + 1] = to;
                }
            }
            for (var j = 0; j < count; j += 4)
            {
                float* qj = q + j * HeadDim, sj = scores + j * BlockSize, aj = acc + j * HeadDim;
                var bj = bounds + 2 * j;
                switch (Math.Min(4, count - j))
                {
                    case 1: AttentionBlock<TE>.Run<TL, TV, UnrollOne>(qj, keys, values, bj, BlockSize, HeadDim, scoreScale, sj, aj, max + j, sum + j); break;
                    case 2: AttentionBlock<TE>.Run<TL, TV, UnrollTwo>(qj, keys, values, bj, BlockSize, HeadDim, scoreScale, sj, aj, max + j, sum + j); break;
                    case 3: AttentionBlock<TE>.Run<TL, TV, UnrollThree>(qj, keys, values, bj, BlockSize, HeadDim, scoreScale, sj, aj, max + j, sum + j); break;
                    default: AttentionBlock<TE>.Run<TL, TV, UnrollFour>(qj, keys, values, bj, BlockSize, HeadDim, scoreScale, sj, aj, max + j, sum + j); break;
                }
            }
        }
        for (var t = 0; t < tokens; t++)
        {
            var output = Output + ((long)(firstToken + t) * NumHeads + kvHead * group) * HeadDim;
            for (var g = 0; g < group; g++)
            {
                var j = t * group + g;
                var inverse = 1f / sum[j];
                for (var i = 0; i < HeadDim; i++)
                    output[g * HeadDim + i] = acc[j * HeadDim + i] * inverse;
            }
        }
    }

    /// <summary>
    /// Fetches one head's keys and values of the next block while this one is computed: blocks lie anywhere in the
    /// cache, and each head's few KB end before the hardware prefetcher has ramped up (decode over many sequences is
    /// bound by reading the cache from memory).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchBlock(long offset, int bytes)
    {
        if (!Sse.IsSupported) return;
        byte* keys = (byte*)Keys + offset, values = (byte*)Values + offset;
        for (var p = 0; p < bytes; p += 64)
        {
            Sse.Prefetch0(keys + p);
            Sse.Prefetch0(values + p);
        }
    }

    public void Dispose() => _scratch.Dispose();
}
