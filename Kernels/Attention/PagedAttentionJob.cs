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
/// GQA group share each loaded key and value block.
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
    /// <summary>This layer's key and value caches.</summary>
    public float* Keys;
    public float* Values;
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
        var scratch = _scratch.Get(worker, group * (BlockSize + HeadDim + 2));
        for (var item = chunk; item < Tokens * NumKvHeads; item += chunkCount)
            Attend(item / NumKvHeads, item % NumKvHeads, group, scratch);
    }

    private void Attend(int token, int kvHead, int group, float* scratch)
    {
        switch (Level)
        {
            case SimdLevel.Vector512: Attend<Lanes512, Vector512<float>>(token, kvHead, group, scratch); break;
            case SimdLevel.Vector256: Attend<Lanes256, Vector256<float>>(token, kvHead, group, scratch); break;
            default: Attend<LanesScalar, float>(token, kvHead, group, scratch); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Attend<TL, TV>(int token, int kvHead, int group, float* scratch) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        var scores = scratch;
        var acc = scores + group * BlockSize;
        var max = acc + group * HeadDim;
        var sum = max + group;
        var position = Positions[token];
        var start = SlidingWindow > 0 ? Math.Max(0, position - SlidingWindow + 1) : 0;
        var end = position + 1;
        var table = BlockTables[token];
        var headBlock = BlockSize * HeadDim;
        var blockFloats = (long)NumKvHeads * headBlock;
        var q = Queries + ((long)token * NumHeads + kvHead * group) * HeadDim;
        new Span<float>(acc, group * HeadDim).Clear();
        for (var j = 0; j < group; j++)
        {
            max[j] = float.NegativeInfinity;
            sum[j] = 0;
        }
        for (var b = start / BlockSize; b * BlockSize < end; b++)
        {
            var offset = table[b] * blockFloats + (long)kvHead * headBlock;
            var first = Math.Max(start - b * BlockSize, 0);
            var last = Math.Min(end - b * BlockSize, BlockSize);
            for (var j = 0; j < group; j++)
                Block<TL, TV>(q + j * HeadDim, Keys + offset, Values + offset, first, last, scores + j * BlockSize, acc + j * HeadDim, ref max[j], ref sum[j]);
        }
        var output = Output + ((long)token * NumHeads + kvHead * group) * HeadDim;
        for (var j = 0; j < group; j++)
        {
            var inverse = 1f / sum[j];
            for (var i = 0; i < HeadDim; i++)
                output[j * HeadDim + i] = acc[j * HeadDim + i] * inverse;
        }
    }

    /// <summary>
    /// One block's slots [first, last) for one query head: scores, online-softmax update of the running max and sum,
    /// and the value accumulation (head dimension outer, so the accumulator stays in a register across slots).
    /// Keys are stored transposed ([headDim][slot]) so a vector of consecutive slots' scores needs no horizontal sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Block<TL, TV>(float* q, float* keys, float* values, int first, int last, float* scores, float* acc, ref float max, ref float sum)
        where TL : struct, IFloatLanes<TV> where TV : struct
    {
        // Whole vectors of slots even past `last` (still inside the block): the extra scores are masked below,
        // which is cheaper than scalar tails on the partial last block of every causal prefill token.
        var s = first;
        for (; s < last && s + TL.Count <= BlockSize; s += TL.Count)
        {
            // Four independent accumulators hide the FMA latency of the chain over d.
            TV a0 = TL.Zero, a1 = TL.Zero, a2 = TL.Zero, a3 = TL.Zero;
            var k = keys + s;
            var d = 0;
            for (; d + 4 <= HeadDim; d += 4)
            {
                a0 = TL.MultiplyAdd(TL.Broadcast(q[d]), TL.Load(k + d * BlockSize), a0);
                a1 = TL.MultiplyAdd(TL.Broadcast(q[d + 1]), TL.Load(k + (d + 1) * BlockSize), a1);
                a2 = TL.MultiplyAdd(TL.Broadcast(q[d + 2]), TL.Load(k + (d + 2) * BlockSize), a2);
                a3 = TL.MultiplyAdd(TL.Broadcast(q[d + 3]), TL.Load(k + (d + 3) * BlockSize), a3);
            }
            for (; d < HeadDim; d++)
                a0 = TL.MultiplyAdd(TL.Broadcast(q[d]), TL.Load(k + d * BlockSize), a0);
            TL.Store(scores + s, TL.Multiply(TL.Add(TL.Add(a0, a1), TL.Add(a2, a3)), TL.Broadcast(Scale)));
        }
        for (; s < last; s++)
        {
            var dot = 0f;
            for (var d = 0; d < HeadDim; d++) dot += q[d] * keys[d * BlockSize + s];
            scores[s] = dot * Scale;
        }

        var filled = s;
        for (var t = last; t < filled; t++) scores[t] = float.NegativeInfinity;

        var blockMax = float.NegativeInfinity;
        for (s = first; s < last; s++) blockMax = MathF.Max(blockMax, scores[s]);
        var newMax = MathF.Max(max, blockMax);
        var correction = MathF.Exp(max - newMax);
        max = newMax;
        var total = 0f;
        for (s = first; s + TL.Count <= filled; s += TL.Count)
        {
            var p = TL.Exp(TL.Subtract(TL.Load(scores + s), TL.Broadcast(newMax)));
            TL.Store(scores + s, p);
            total += TL.Sum(p);
        }
        for (; s < last; s++)
            total += scores[s] = MathF.Exp(scores[s] - newMax);
        sum = sum * correction + total;

        var i = 0;
        var c = TL.Broadcast(correction);
        for (; i + 4 * TL.Count <= HeadDim; i += 4 * TL.Count)
        {
            // Four slices of the head at once: independent chains across the slots.
            var v = values + i;
            TV a0 = TL.Multiply(TL.Load(acc + i), c), a1 = TL.Multiply(TL.Load(acc + i + TL.Count), c);
            TV a2 = TL.Multiply(TL.Load(acc + i + 2 * TL.Count), c), a3 = TL.Multiply(TL.Load(acc + i + 3 * TL.Count), c);
            for (s = first; s < last; s++)
            {
                var p = TL.Broadcast(scores[s]);
                var vs = v + s * HeadDim;
                a0 = TL.MultiplyAdd(p, TL.Load(vs), a0);
                a1 = TL.MultiplyAdd(p, TL.Load(vs + TL.Count), a1);
                a2 = TL.MultiplyAdd(p, TL.Load(vs + 2 * TL.Count), a2);
                a3 = TL.MultiplyAdd(p, TL.Load(vs + 3 * TL.Count), a3);
            }
            TL.Store(acc + i, a0);
            TL.Store(acc + i + TL.Count, a1);
            TL.Store(acc + i + 2 * TL.Count, a2);
            TL.Store(acc + i + 3 * TL.Count, a3);
        }
        for (; i + TL.Count <= HeadDim; i += TL.Count)
        {
            var a = TL.Multiply(TL.Load(acc + i), c);
            for (s = first; s < last; s++)
                a = TL.MultiplyAdd(TL.Broadcast(scores[s]), TL.Load(values + s * HeadDim + i), a);
            TL.Store(acc + i, a);
        }
        for (; i < HeadDim; i++)
        {
            var a = acc[i] * correction;
            for (s = first; s < last; s++) a += scores[s] * values[s * HeadDim + i];
            acc[i] = a;
        }
    }

    public void Dispose() => _scratch.Dispose();
}
