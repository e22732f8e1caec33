using Platform.Kernels.Numerics;
using Platform.Kernels.Threading;

namespace Platform.Kernels.Attention;

/// <summary>
/// Causal attention of a batch of query tokens over a paged KV cache. Cache layout per layer:
/// [block][kvHead][slot][headDim] for keys and values alike, so one head's block is contiguous.
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
            var keys = Keys + offset;
            var values = Values + offset;
            var first = Math.Max(start - b * BlockSize, 0);
            var last = Math.Min(end - b * BlockSize, BlockSize);
            for (var j = 0; j < group; j++)
            {
                var qj = q + j * HeadDim;
                var sj = scores + j * BlockSize;
                var blockMax = float.NegativeInfinity;
                for (var s = first; s < last; s++)
                {
                    sj[s] = VectorMath.Dot(qj, keys + s * HeadDim, HeadDim, Level) * Scale;
                    blockMax = MathF.Max(blockMax, sj[s]);
                }
                var newMax = MathF.Max(max[j], blockMax);
                var correction = MathF.Exp(max[j] - newMax);
                max[j] = newMax;
                var aj = acc + j * HeadDim;
                var total = sum[j] * correction;
                var keep = correction;
                for (var s = first; s < last; s++)
                {
                    var p = MathF.Exp(sj[s] - newMax);
                    total += p;
                    VectorMath.ScaleAdd(aj, keep, values + s * HeadDim, p, HeadDim, Level);
                    keep = 1f;
                }
                sum[j] = total;
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
