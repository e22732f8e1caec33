using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;
using Platform.Kernels.Threading;

namespace Platform.Kernels.Attention;

/// <summary>
/// Causal attention of a batch of query tokens over a paged KV cache. Cache layout per layer and block:
/// keys [kvHead][headDim][slot] (transposed, so scores of many slots come out of one vector), values
/// [kvHead][slot][headDim]; one head's block is contiguous either way.
/// Blocks are visited in order with an online softmax (running max and sum per head), so memory stays
/// one block of scores per head whatever the context length. Work items are (token, KV head) pairs, dealt
/// round-robin to chunks so causal prefill (later tokens attend further) stays balanced; the query heads of a
/// GQA group share each loaded key and value block. Elements are <see cref="Dtype"/>, widened to float in registers.
/// </summary>
public sealed unsafe class PagedAttentionJob : IParallelWork, IDisposable
{
    private readonly WorkerScratch _scratch = new();

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

    /// <summary>Chunks to split into: items are dealt round-robin to chunks, at most 32 of them.</summary>
    public int ChunkCount() => Math.Min(Tokens * NumKvHeads, 32);

    public void Execute(int chunk, int chunkCount, int worker)
    {
        var group = NumHeads / NumKvHeads;
        var scratch = _scratch.Get(worker, group * (BlockSize + 2 * HeadDim + 2));
        for (var item = chunk; item < Tokens * NumKvHeads; item += chunkCount)
            Attend(item / NumKvHeads, item % NumKvHeads, group, scratch);
    }

    private void Attend(int token, int kvHead, int group, float* scratch)
    {
        switch (Dtype)
        {
            case KvCacheDtype.F16: Attend<F16Elements>(token, kvHead, group, scratch); break;
            case KvCacheDtype.BF16: Attend<BF16Elements>(token, kvHead, group, scratch); break;
            case KvCacheDtype.Fp8E4M3: Attend<Fp8Elements<E4M3>>(token, kvHead, group, scratch); break;
            case KvCacheDtype.Fp8E5M2: Attend<Fp8Elements<E5M2>>(token, kvHead, group, scratch); break;
            default: Attend<F32Elements>(token, kvHead, group, scratch); break;
        }
    }

    private void Attend<TE>(int token, int kvHead, int group, float* scratch) where TE : struct, IKvElements
    {
        switch (Level)
        {
            case SimdLevel.Vector512: Attend<Lanes512, Vector512<float>, TE>(token, kvHead, group, scratch); break;
            case SimdLevel.Vector256: Attend<Lanes256, Vector256<float>, TE>(token, kvHead, group, scratch); break;
            default: Attend<LanesScalar, float, TE>(token, kvHead, group, scratch); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Attend<TL, TV, TE>(int token, int kvHead, int group, float* scratch)
        where TL : struct, IFloatLanes<TV> where TV : struct where TE : struct, IKvElements
    {
        var scores = scratch;
        var acc = scores + group * BlockSize;
        var max = acc + group * HeadDim;
        var sum = max + group;
        var scaledQueries = sum + group;
        var position = Positions[token];
        var start = SlidingWindow > 0 ? Math.Max(0, position - SlidingWindow + 1) : 0;
        var end = position + 1;
        var table = BlockTables[token];
        var headBlock = BlockSize * HeadDim;
        var blockElements = (long)NumKvHeads * headBlock;
        var size = TE.Bytes;
        var q = Queries + ((long)token * NumHeads + kvHead * group) * HeadDim;
        if (TE.QueryScale != 1f)
        {
            // Reads come divided by TE.Scale (a power of two): the queries and the scores take it instead, exactly.
            for (var i = 0; i < group * HeadDim; i++) scaledQueries[i] = q[i] * TE.QueryScale;
            q = scaledQueries;
        }
        var scoreScale = Scale * (TE.Scale / TE.QueryScale);
        new Span<float>(acc, group * HeadDim).Clear();
        for (var j = 0; j < group; j++)
        {
            max[j] = float.NegativeInfinity;
            sum[j] = 0;
        }
        for (var b = start / BlockSize; b * BlockSize < end; b++)
        {
            var offset = (table[b] * blockElements + (long)kvHead * headBlock) * size;
            void* keys = (byte*)Keys + offset, values = (byte*)Values + offset;
            var first = Math.Max(start - b * BlockSize, 0);
            var last = Math.Min(end - b * BlockSize, BlockSize);
            for (var j = 0; j < group; j += 4)
            {
                float* qj = q + j * HeadDim, sj = scores + j * BlockSize, aj = acc + j * HeadDim;
                switch (Math.Min(4, group - j))
                {
                    case 1: AttentionBlock<TE>.Run<TL, TV, UnrollOne>(qj, keys, values, first, last, BlockSize, HeadDim, scoreScale, sj, aj, max + j, sum + j); break;
                    case 2: AttentionBlock<TE>.Run<TL, TV, UnrollTwo>(qj, keys, values, first, last, BlockSize, HeadDim, scoreScale, sj, aj, max + j, sum + j); break;
                    case 3: AttentionBlock<TE>.Run<TL, TV, UnrollThree>(qj, keys, values, first, last, BlockSize, HeadDim, scoreScale, sj, aj, max + j, sum + j); break;
                    default: AttentionBlock<TE>.Run<TL, TV, UnrollFour>(qj, keys, values, first, last, BlockSize, HeadDim, scoreScale, sj, aj, max + j, sum + j); break;
                }
            }
        }
        var output = Output + ((long)token * NumHeads + kvHead * group) * HeadDim;
        for (var j = 0; j < group; j++)
        {
            var inverse = 1f / sum[j];
            for (var i = 0; i < HeadDim; i++)
                output[j * HeadDim + i] = acc[j * HeadDim + i] * inverse;
        }
    }

    public void Dispose() => _scratch.Dispose();
}
