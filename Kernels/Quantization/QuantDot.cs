using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Dot products of one Q8_0/Q4_0 weight row (K-quants: <see cref="KQuantDot"/>) with 8-bit activation rows: per block an integer dot product
/// (|w| · sign(x, w), so the unsigned×signed instructions apply), scaled by both block scales into a float sum.
/// </summary>
public static unsafe class QuantDot
{
    /// <summary>
    /// y[t·ldy + n] = row n · token t for rows [<paramref name="start"/>, <paramref name="end"/>) and tokens
    /// [<paramref name="firstToken"/>, <paramref name="endToken"/>), four tokens per pass over a row (one token: four rows per
    /// pass, <see cref="QuantGemv"/>).
    /// Vector512 uses AVX-VNNI where present (there is no 512-bit VNNI intrinsic in .NET 10), Vector256 uses AVX2 multiply-add.
    /// </summary>
    public static void Rows(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy,
        SimdLevel level = SimdLevel.Auto)
    {
        if (w.Columns != x.Columns) throw new ArgumentException($"weights have {w.Columns} columns, activations {x.Columns}.");
        level = Simd.Resolve(level);
        var vnni = level == SimdLevel.Vector512 && AvxVnni.IsSupported;
        switch (w.Type)
        {
            case WeightType.Q8_0 when level == SimdLevel.Scalar: Rows<Q8_0Block, MaddDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: false); break;
            case WeightType.Q4_0 when level == SimdLevel.Scalar: Rows<Q4_0Block, MaddDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: false); break;
            case WeightType.Q8_0 when vnni: Rows<Q8_0Block, VnniDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: true); break;
            case WeightType.Q4_0 when vnni: Rows<Q4_0Block, VnniDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: true); break;
            case WeightType.Q8_0: Rows<Q8_0Block, MaddDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: true); break;
            case WeightType.Q4_0: Rows<Q4_0Block, MaddDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: true); break;
            default: throw new ArgumentException($"{w.Type} is not a Q8_0 or Q4_0 weight type.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TB, TD>(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy, bool simd)
        where TB : struct, IWeightBlock where TD : struct, IByteDot
    {
        if (simd && endToken - firstToken == 1)
        {
            QuantGemv.Rows<TB, TD>(w, start, end, x.TokenValues(firstToken), x.TokenScales(firstToken), y + (long)firstToken * ldy);
            return;
        }
        var results = stackalloc float[4];
        for (var n = start; n < end; n++)
        {
            var row = w.Row(n);
            for (var t = firstToken; t < endToken; t += 4)
            {
                var count = Math.Min(4, endToken - t);
                if (!simd)
                    DotScalar<TB>(row, x, t, count, results);
                else if (count == 4)
                    Dot4<TB, TD>(row, x, t, results);
                else
                    for (var i = 0; i < count; i++)
                        results[i] = Dot1<TB, TD>(row, x.TokenValues(t + i), x.TokenScales(t + i), x.Blocks);
                for (var i = 0; i < count; i++) y[(long)(t + i) * ldy + n] = results[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotScalar<TB>(byte* row, QuantizedActivations x, int firstToken, int count, float* results) where TB : struct, IWeightBlock
    {
        for (var t = 0; t < count; t++)
        {
            var q = x.TokenValues(firstToken + t);
            var d = x.TokenScales(firstToken + t);
            var sum = 0f;
            for (var b = 0; b < x.Blocks; b++)
            {
                var block = row + (long)b * TB.Bytes;
                var dot = 0;
                for (var i = 0; i < 32; i++) dot += TB.Value(block, i) * q[b * 32 + i];
                sum += dot * (HalfConversion.HalfToSingle(*(ushort*)block) * d[b]);
            }
            results[t] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Term<TD>(Vector256<byte> magnitude, Vector256<sbyte> weights, sbyte* x, float scale, Vector256<float> acc)
        where TD : struct, IByteDot
    {
        var signed = Avx2.Sign(Vector256.Load(x), weights);
        var dot = Avx.ConvertToVector256Single(TD.Dot(magnitude, signed));
        return Fma.MultiplyAdd(dot, Vector256.Create(scale), acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot1<TB, TD>(byte* row, sbyte* q, float* d, int blocks) where TB : struct, IWeightBlock where TD : struct, IByteDot
    {
        var acc = Vector256<float>.Zero;
        for (var b = 0; b < blocks; b++)
        {
            var block = row + (long)b * TB.Bytes;
            var w = TB.Load(block);
            acc = Term<TD>(Avx2.Abs(w), w, q + b * 32, HalfConversion.HalfToSingle(*(ushort*)block) * d[b], acc);
        }
        return Vector256.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4<TB, TD>(byte* row, QuantizedActivations x, int firstToken, float* results)
        where TB : struct, IWeightBlock where TD : struct, IByteDot
    {
        sbyte* q0 = x.TokenValues(firstToken), q1 = x.TokenValues(firstToken + 1), q2 = x.TokenValues(firstToken + 2), q3 = x.TokenValues(firstToken + 3);
        float* d0 = x.TokenScales(firstToken), d1 = x.TokenScales(firstToken + 1), d2 = x.TokenScales(firstToken + 2), d3 = x.TokenScales(firstToken + 3);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var b = 0; b < x.Blocks; b++)
        {
            var block = row + (long)b * TB.Bytes;
            var w = TB.Load(block);
            var magnitude = Avx2.Abs(w);
            var scale = HalfConversion.HalfToSingle(*(ushort*)block);
            var o = b * 32;
            a0 = Term<TD>(magnitude, w, q0 + o, scale * d0[b], a0);
            a1 = Term<TD>(magnitude, w, q1 + o, scale * d1[b], a1);
            a2 = Term<TD>(magnitude, w, q2 + o, scale * d2[b], a2);
            a3 = Term<TD>(magnitude, w, q3 + o, scale * d3[b], a3);
        }
        results[0] = Vector256.Sum(a0);
        results[1] = Vector256.Sum(a1);
        results[2] = Vector256.Sum(a2);
        results[3] = Vector256.Sum(a3);
    }
}
