using System.Runtime.InteropServices;
using Platform.Kernels.Diagnostics;
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
    /// From this many tokens on, K-quants go through the int8 GEMM (<see cref="QuantGemm"/>) where the CPU has AVX-VNNI,
    /// and quantised weights without it are expanded to float tiles (4 rows at a time, amortised over the token chunk)
    /// and multiplied in float: for prefill both beat per-row integer dot products, which need per-block scale work for
    /// every row × token. Below it (decode, small batches) activations are quantised and multiplied with integer dot
    /// products. Measured on one thread of a Xeon (6144×768 Q4_K): the GEMM 0.75× the dot products at 4 tokens, 1.2× at 6,
    /// 4.4× the float tiles at 8, 6.7× at 32, 4× at 512.
    /// </summary>
    public const int FloatTileTokens = 8;

    /// <summary>
    /// From this many tokens on, Q8_0/Q4_0 weights go through the VNNI GEMM (<see cref="QuantGemm"/>) where the CPU has
    /// AVX-VNNI. Measured on one thread of a Xeon (3072×768 and 768×3072 Q8_0): 1.6–2.0× the float tile at 32 tokens,
    /// 1.8–2.4× at 128; 1.4–2.7× the per-row dot products at 2, 3, 5–7 tokens (at exactly 4 those are 1.3× faster).
    /// </summary>
    public const int GemmTokens = 2;

    private readonly WorkerPool _pool;
    private readonly MatMulJob _job = new();
    private readonly PackJob _pack = new();
    private readonly SimdLevel _level;
    private sbyte* _qValues;
    private float* _qScales;
    private long _qCapacity;
    private byte* _packed;
    private long _packedCapacity;
    private readonly SuperBlockActivationBuffer _superBlocks = new();

    public MatMulKernel(WorkerPool pool, SimdLevel level = SimdLevel.Auto)
    {
        _pool = pool;
        _level = Simd.Resolve(level);
    }

    /// <summary>y = W·x for <paramref name="tokens"/> rows of x (stride = W.Columns) into y (stride = W.Rows).</summary>
    public void Multiply(float* x, int tokens, in WeightMatrix w, float* y)
    {
        Prepare(x, tokens, 1);
        _job.Set(0, in w, y);
        Dispatch(x, tokens, w.Columns);
    }

    /// <summary>Two products sharing one input in a single dispatch (e.g. gate and up projections).</summary>
    public void Multiply(float* x, int tokens, in WeightMatrix a, float* ya, in WeightMatrix b, float* yb)
    {
        Require(a, b);
        Prepare(x, tokens, 2);
        _job.Set(0, in a, ya);
        _job.Set(1, in b, yb);
        Dispatch(x, tokens, a.Columns);
    }

    /// <summary>Three products sharing one input in a single dispatch (e.g. Q, K and V projections).</summary>
    public void Multiply(float* x, int tokens, in WeightMatrix a, float* ya, in WeightMatrix b, float* yb, in WeightMatrix c, float* yc)
    {
        Require(a, b);
        Require(a, c);
        Prepare(x, tokens, 3);
        _job.Set(0, in a, ya);
        _job.Set(1, in b, yb);
        _job.Set(2, in c, yc);
        Dispatch(x, tokens, a.Columns);
    }

    private static void Require(in WeightMatrix a, in WeightMatrix b)
    {
        if (a.Columns != b.Columns)
            throw new ArgumentException($"matrices sharing an input need the same column count ({a.Columns} vs {b.Columns}).");
    }

    private void Prepare(float* x, int tokens, int count)
    {
        if (tokens <= 0) throw new ArgumentOutOfRangeException(nameof(tokens), tokens, "at least one token");
        _job.Count = count;
        _job.Input = x;
        _job.Tokens = tokens;
        _job.Level = _level;
    }

    private void Dispatch(float* x, int tokens, int columns)
    {
        var formats = _job.QuantDotFormats();
        var gemm = _job.Uses(MatMulPath.QuantGemm);
        var p = KernelProfile.Start();
        if ((formats & ActivationFormats.Blocks32) != 0)
        {
            EnsureQuantCapacity((long)tokens * columns);
            _job.Quantized = new QuantizedActivations(_qValues, _qScales, tokens, columns);
            ActivationQuantizer.Quantize(x, columns, tokens, columns, _job.Quantized, _level);
        }
        if ((formats & ActivationFormats.SuperBlocks) != 0)
        {
            _job.SuperBlocks = _superBlocks.Get(tokens, columns);
            SuperBlockQuantizer.Quantize(x, columns, tokens, columns, _job.SuperBlocks, _level);
        }
        if (gemm)
        {
            EnsurePackedCapacity(PackedActivations.BytesFor(tokens, columns));
            _job.Packed = new PackedActivations(_packed, tokens, columns);
            _pack.Run(_pool, x, tokens, columns, _job.Packed, _level);
        }
        if (formats != ActivationFormats.None || gemm) KernelProfile.Stop(KernelKind.Quantize, p);
        _pool.Run(_job, _job.ChunkCount(_pool.WorkerCount));
    }

    private void EnsurePackedCapacity(long bytes)
    {
        if (bytes <= _packedCapacity) return;
        NativeMemory.AlignedFree(_packed);
        _packed = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        _packedCapacity = bytes;
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
        NativeMemory.AlignedFree(_packed);
        _packed = null;
        _packedCapacity = 0;
        _superBlocks.Dispose();
        _job.Dispose();
    }
}
