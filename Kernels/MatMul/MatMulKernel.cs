using System.Runtime.InteropServices;
using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Threading;
using Platform.Kernels.Weights;

namespace Platform.Kernels.MatMul;

/// <summary>
/// y[t, n] = Σk W[n, k]·x[t, k] for a batch of tokens (GEMV when there is one token, tiled GEMM otherwise), on a worker pool.
/// Quantised weights multiply activations quantised here to 8-bit blocks. Holds reusable scratch: one instance per caller thread.
/// </summary>
public sealed unsafe class MatMulKernel : IDisposable
{
    /// <summary>
    /// From this many tokens on, quantised weights are expanded to float tiles (4 rows at a time, amortised over the
    /// token chunk) and multiplied in float: for prefill that beats integer dot products, which need per-block scale work.
    /// Below it (decode, small batches) activations are quantised and multiplied with integer dot products.
    /// </summary>
    public const int FloatTileTokens = 8;

    private readonly WorkerPool _pool;
    private readonly MatMulJob _job = new();
    private readonly SimdLevel _level;
    private sbyte* _qValues;
    private float* _qScales;
    private long _qCapacity;
    private readonly SuperBlockActivationBuffer _superBlocks = new();

    public MatMulKernel(WorkerPool pool, SimdLevel level = SimdLevel.Auto)
    {
        _pool = pool;
        _level = Simd.Resolve(level);
    }

    /// <summary>y = W·x for <paramref name="tokens"/> rows of x (stride = W.Columns) into y (stride = W.Rows).</summary>
    public void Multiply(float* x, int tokens, in WeightMatrix w, float* y)
    {
        Prepare(x, tokens, w.Columns, 1);
        _job.Set(0, in w, y);
        Dispatch(x, tokens, w);
    }

    /// <summary>Two products sharing one input in a single dispatch (e.g. gate and up projections).</summary>
    public void Multiply(float* x, int tokens, in WeightMatrix a, float* ya, in WeightMatrix b, float* yb)
    {
        Require(a, b);
        Prepare(x, tokens, a.Columns, 2);
        _job.Set(0, in a, ya);
        _job.Set(1, in b, yb);
        Dispatch(x, tokens, a, b);
    }

    /// <summary>Three products sharing one input in a single dispatch (e.g. Q, K and V projections).</summary>
    public void Multiply(float* x, int tokens, in WeightMatrix a, float* ya, in WeightMatrix b, float* yb, in WeightMatrix c, float* yc)
    {
        Require(a, b);
        Require(a, c);
        Prepare(x, tokens, a.Columns, 3);
        _job.Set(0, in a, ya);
        _job.Set(1, in b, yb);
        _job.Set(2, in c, yc);
        Dispatch(x, tokens, a, b, c);
    }

    private static void Require(in WeightMatrix a, in WeightMatrix b)
    {
        if (a.Columns != b.Columns)
            throw new ArgumentException($"matrices sharing an input need the same column count ({a.Columns} vs {b.Columns}).");
    }

    private void Prepare(float* x, int tokens, int columns, int count)
    {
        if (tokens <= 0) throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "at least one token");
        _job.Count = count;
        _job.Input = x;
        _job.Tokens = tokens;
        _job.Level = _level;
    }

    private void Dispatch(float* x, int tokens, in WeightMatrix a) => Dispatch(x, tokens, a.Columns, ActivationFormat.For(a.Type));

    private void Dispatch(float* x, int tokens, in WeightMatrix a, in WeightMatrix b) =>
        Dispatch(x, tokens, a.Columns, ActivationFormat.For(a.Type) | ActivationFormat.For(b.Type));

    private void Dispatch(float* x, int tokens, in WeightMatrix a, in WeightMatrix b, in WeightMatrix c) =>
        Dispatch(x, tokens, a.Columns, ActivationFormat.For(a.Type) | ActivationFormat.For(b.Type) | ActivationFormat.For(c.Type));

    /// <summary>Quantises the shared input once into each format the dispatch's matrices read (a Q4_K_M file mixes both).</summary>
    private void Dispatch(float* x, int tokens, int columns, ActivationFormats formats)
    {
        if ((formats & ActivationFormats.Blocks32) != 0 && tokens < FloatTileTokens)
        {
            EnsureQuantCapacity((long)tokens * columns);
            _job.Quantized = new QuantizedActivations(_qValues, _qScales, tokens, columns);
            ActivationQuantizer.Quantize(x, columns, tokens, columns, _job.Quantized, _level);
        }
        if ((formats & ActivationFormats.SuperBlocks) != 0 && tokens < FloatTileTokens)
        {
            _job.SuperBlocks = _superBlocks.Get(tokens, columns);
            SuperBlockQuantizer.Quantize(x, columns, tokens, columns, _job.SuperBlocks, _level);
        }
        _pool.Run(_job, _job.ChunkCount(_pool.WorkerCount));
    }

    private void EnsureQuantCapacity(long elements)
    {
        if (elements <= _qCapacity) return;
        FreeQuant();
        _qValues = (sbyte*)NativeMemory.AlignedAlloc((nuint)elements, 64);
        _qScales = (float*)NativeMemory.AlignedAlloc((nuint)(elements / 32 + 1) * 4, 64);
        _qCapacity = elements;
    }

    private void FreeQuant()
    {
        NativeMemory.AlignedFree(_qValues);
        NativeMemory.AlignedFree(_qScales);
        _qValues = null;
        _qScales = null;
        _qCapacity = 0;
    }

    public void Dispose()
    {
        FreeQuant();
        _superBlocks.Dispose();
        _job.Dispose();
    }
}
