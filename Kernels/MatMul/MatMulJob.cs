using System.Runtime.CompilerServices;
using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Threading;
using Platform.Kernels.Weights;

namespace Platform.Kernels.MatMul;

/// <summary>
/// One dispatch of up to three matrix products sharing the same input, split into chunks of output rows
/// (aligned to 16 rows, so no two threads write one cache line). Tokens are taken in chunks so the
/// chunk's activations stay in L2 while every weight row of the worker's range is read once per chunk.
/// </summary>
internal sealed unsafe class MatMulJob : IParallelWork, IDisposable
{
    public const int MaxMatrices = 3;
    private const int TokenChunk = 64;
    private const int RowTile = 4;

    private readonly WeightMatrix[] _weights = new WeightMatrix[MaxMatrices];
    private readonly nint[] _outputs = new nint[MaxMatrices];
    private readonly WorkerScratch _scratch = new();

    public int Count;
    public float* Input;
    public int Tokens;
    public QuantizedActivations Quantized;
    public PackedActivations Packed;
    public SuperBlockActivations SuperBlocks;
    public SimdLevel Level;

    /// <summary>Whether any matrix of this dispatch takes <paramref name="path"/> (which input form to prepare).</summary>
    public bool Uses(MatMulPath path)
    {
        for (var m = 0; m < Count; m++)
            if (MatMulPaths.For(_weights[m].Type, Tokens, Level) == path) return true;
        return false;
    }

    /// <summary>The activation formats the matrices on the <see cref="MatMulPath.QuantDot"/> path read (a Q4_K_M file mixes both).</summary>
    public ActivationFormats QuantDotFormats()
    {
        var formats = ActivationFormats.None;
        for (var m = 0; m < Count; m++)
            if (MatMulPaths.For(_weights[m].Type, Tokens, Level) == MatMulPath.QuantDot) formats |= ActivationFormat.For(_weights[m].Type);
        return formats;
    }

    public void Set(int index, in WeightMatrix weights, float* output)
    {
        _weights[index] = weights;
        _outputs[index] = (nint)output;
    }

    /// <summary>
    /// How many chunks to split into: about 64 output rows each, at most 64. For a few tokens the product streams
    /// weights from memory, and one contiguous run per thread streams faster than interleaved 64-row pieces (the
    /// prefetchers follow it): then at most <paramref name="streamChunks"/> chunks (one per worker).
    /// </summary>
    public int ChunkCount(int streamChunks)
    {
        var rows = 0;
        for (var m = 0; m < Count; m++) rows = Math.Max(rows, _weights[m].Rows);
        var chunks = Math.Clamp((rows + 63) / 64, 1, 64);
        return Tokens < MatMulKernel.FloatTileTokens ? Math.Min(chunks, streamChunks) : chunks;
    }

    public void Execute(int chunk, int chunkCount, int worker)
    {
        for (var m = 0; m < Count; m++)
        {
            ref readonly var w = ref _weights[m];
            var rowsPerChunk = (w.Rows + chunkCount - 1) / chunkCount;
            rowsPerChunk = (rowsPerChunk + 15) / 16 * 16;
            var start = Math.Min(w.Rows, chunk * rowsPerChunk);
            var end = Math.Min(w.Rows, start + rowsPerChunk);
            if (start >= end) continue;
            var y = (float*)_outputs[m];
            switch (MatMulPaths.For(w.Type, Tokens, Level))
            {
                case MatMulPath.QuantGemm: QuantGemm.Rows(in w, start, end, Packed, y, w.Rows, _scratch.Get(worker, QuantGemm.ScratchFloats(end - start, w.Columns, Tokens))); break;
                case MatMulPath.QuantDot: RunQuantized(in w, y, start, end); break;
                default: RunFloat(in w, y, start, end, worker); break;
            }
        }
    }

    private void RunQuantized(in WeightMatrix w, float* y, int start, int end)
    {
        for (var t0 = 0; t0 < Tokens; t0 += TokenChunk)
        {
            var t1 = Math.Min(Tokens, t0 + TokenChunk);
            if (WeightTypeInfo.IsKQuant(w.Type))
                KQuantDot.Rows(in w, start, end, SuperBlocks, t0, t1, y, w.Rows, Level);
            else
                QuantDot.Rows(in w, start, end, Quantized, t0, t1, y, w.Rows, Level);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunFloat(in WeightMatrix w, float* y, int start, int end, int worker)
    {
        if (Tokens == 1 && Level != SimdLevel.Scalar)
        {
            FloatGemv.Multiply(in w, start, end, Input, y, Level);
            return;
        }
        var k = w.Columns;
        var scratch = w.Type == WeightType.F32 ? null : _scratch.Get(worker, RowTile * k);
        for (var t0 = 0; t0 < Tokens; t0 += TokenChunk)
        {
            var chunkTokens = Math.Min(TokenChunk, Tokens - t0);
            for (var n = start; n < end; n += RowTile)
            {
                var rows = Math.Min(RowTile, end - n);
                float* tile;
                if (scratch == null)
                    tile = (float*)w.Row(n);
                else
                {
                    RowDecoder.Decode(w.Type, w.Row(n), scratch, rows * k, Level);
                    tile = scratch;
                }
                FloatTile.Multiply(tile, rows, Input + (long)t0 * k, k, chunkTokens, y + (long)t0 * w.Rows + n, w.Rows, k, Level);
            }
        }
    }

    public void Dispose() => _scratch.Dispose();
}
