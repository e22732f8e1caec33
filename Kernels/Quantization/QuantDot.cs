using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Dot products of one Q8_0/Q4_0 weight row with 8-bit activation rows: per block an integer dot product
/// (|w| · sign(x, w), so the unsigned×signed instructions apply), scaled by both block scales into a float sum.
/// </summary>
public static unsafe class QuantDot
{
    /// <summary>
    /// For tokens <paramref name="firstToken"/>.. (up to 4), writes Σ over blocks to <paramref name="results"/>[i].
    /// Vector512 uses AVX-VNNI where present (there is no 512-bit VNNI intrinsic in .NET 10), Vector256 uses AVX2 multiply-add.
    /// </summary>
    public static void Dot(WeightType type, byte* row, QuantizedActivations x, int firstToken, int count, float* results, SimdLevel level = SimdLevel.Auto)
    {
        if (count is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(count), count, "1 to 4 tokens at a time");
        level = Simd.Resolve(level);
        var vnni = level == SimdLevel.Vector512 && AvxVnni.IsSupported;
        switch (type)
        {
            case WeightType.Q8_0 when level == SimdLevel.Scalar: DotScalar<Q8_0Block>(row, x, firstToken, count, results); break;
            case WeightType.Q4_0 when level == SimdLevel.Scalar: DotScalar<Q4_0Block>(row, x, firstToken, count, results); break;
            case WeightType.Q8_0 when vnni: DotSimd<Q8_0Block, VnniDot>(row, x, firstToken, count, results); break;
            case WeightType.Q4_0 when vnni: DotSimd<Q4_0Block, VnniDot>(row, x, firstToken, count, results); break;
            case WeightType.Q8_0: DotSimd<Q8_0Block, MaddDot>(row, x, firstToken, count, results); break;
            case WeightType.Q4_0: DotSimd<Q4_0Block, MaddDot>(row, x, firstToken, count, results); break;
            default: throw new ArgumentException($"{type} is not a quantised weight type.", nameof(type));
        }
    }

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

    private static void DotSimd<TB, TD>(byte* row, QuantizedActivations x, int firstToken, int count, float* results)
        where TB : struct, IWeightBlock where TD : struct, IByteDot
    {
        if (count == 4)
        {
            Dot4<TB, TD>(row, x, firstToken, results);
            return;
        }
        for (var t = 0; t < count; t++)
            results[t] = Dot1<TB, TD>(row, x.TokenValues(firstToken + t), x.TokenScales(firstToken + t), x.Blocks);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Term<TD>(Vector256<byte> magnitude, Vector256<sbyte> weights, sbyte* x, float scale, Vector256<float> acc)
        where TD : struct, IByteDot
    {
        var signed = Avx2.Sign(Vector256.Load(x), weights);
        var dot = Avx.ConvertToVector256Single(TD.Dot(magnitude, signed));
        return Fma.MultiplyAdd(dot, Vector256.Create(scale), acc);
    }

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
