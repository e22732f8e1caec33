using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Dot products of K-quant weight rows with 8-bit activation rows, without expanding the weights to floats: per 32-value
/// chunk, the unsigned codes times the signed activations (one unsigned×signed dot), less the activations' sum times the
/// group offset, each scaled per 16-value group. Codes fit in 6 bits, so the 16-bit pair sums cannot saturate.
/// </summary>
internal static unsafe class KQuantDot
{
    /// <summary>y[t·ldy + n] = row n · token t, four tokens per pass over a super-block's unpacked scales.</summary>
    public static void Rows(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy, bool simd, bool vnni)
    {
        switch (w.Type)
        {
            case WeightType.Q4_K: Dispatch<Q4_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, simd, vnni); break;
            case WeightType.Q5_K: Dispatch<Q5_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, simd, vnni); break;
            case WeightType.Q6_K: Dispatch<Q6_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, simd, vnni); break;
            default: throw new ArgumentException($"{w.Type} is not a K-quant weight type.");
        }
    }

    private static void Dispatch<TB>(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy, bool simd, bool vnni)
        where TB : struct, IKQuantBlock
    {
        if (!simd) Rows<TB, MaddDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: false);
        else if (vnni) Rows<TB, VnniDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: true);
        else Rows<TB, MaddDot>(w, start, end, x, firstToken, endToken, y, ldy, simd: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TB, TD>(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy, bool simd)
        where TB : struct, IKQuantBlock where TD : struct, IByteDot
    {
        var results = stackalloc float[4];
        var superBlocks = x.Columns / 256;
        for (var n = start; n < end; n++)
        {
            var row = w.Row(n);
            for (var t = firstToken; t < endToken; t += 4)
            {
                var count = Math.Min(4, endToken - t);
                if (simd)
                    Dot<TB, TD>(row, superBlocks, x, t, count, results);
                else
                    DotScalar<TB>(row, superBlocks, x, t, count, results);
                for (var i = 0; i < count; i++) y[(long)(t + i) * ldy + n] = results[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotScalar<TB>(byte* row, int superBlocks, QuantizedActivations x, int firstToken, int count, float* results) where TB : struct, IKQuantBlock
    {
        var values = stackalloc float[256];
        for (var i = 0; i < count; i++) results[i] = 0;
        for (var s = 0; s < superBlocks; s++)
        {
            TB.Decode(row + (long)s * TB.Bytes, values);
            for (var i = 0; i < count; i++)
            {
                var q = x.TokenValues(firstToken + i) + s * 256;
                var d = x.TokenScales(firstToken + i) + s * 8;
                var sum = 0f;
                for (var c = 0; c < 8; c++)
                {
                    var chunk = 0f;
                    for (var e = 0; e < 32; e++) chunk += values[32 * c + e] * q[32 * c + e];
                    sum += chunk * d[c];
                }
                results[i] += sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot<TB, TD>(byte* row, int superBlocks, QuantizedActivations x, int firstToken, int count, float* results)
        where TB : struct, IKQuantBlock where TD : struct, IByteDot
    {
        var scale = stackalloc float[16];
        var offset = stackalloc float[16];
        var ones = Vector256.Create((byte)1);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var s = 0; s < superBlocks; s++)
        {
            var block = row + (long)s * TB.Bytes;
            TB.Scales(block, scale, offset);
            for (var c = 0; c < 8; c++)
            {
                var codes = TB.Codes(block, c);
                // Lanes 0-3 of an unsigned×signed dot sum values 0-15 of the chunk, lanes 4-7 values 16-31: one group each.
                var groupScale = Vector256.Create(Vector128.Create(scale[2 * c]), Vector128.Create(scale[2 * c + 1]));
                var groupOffset = Vector256.Create(Vector128.Create(offset[2 * c]), Vector128.Create(offset[2 * c + 1]));
                var b = s * 8 + c;
                a0 = Term<TD>(codes, ones, x, firstToken, b, groupScale, groupOffset, a0);
                if (count > 1) a1 = Term<TD>(codes, ones, x, firstToken + 1, b, groupScale, groupOffset, a1);
                if (count > 2) a2 = Term<TD>(codes, ones, x, firstToken + 2, b, groupScale, groupOffset, a2);
                if (count > 3) a3 = Term<TD>(codes, ones, x, firstToken + 3, b, groupScale, groupOffset, a3);
            }
        }
        results[0] = Vector256.Sum(a0);
        results[1] = Vector256.Sum(a1);
        results[2] = Vector256.Sum(a2);
        results[3] = Vector256.Sum(a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Term<TD>(Vector256<byte> codes, Vector256<byte> ones, QuantizedActivations x, int token, int block,
        Vector256<float> groupScale, Vector256<float> groupOffset, Vector256<float> acc) where TD : struct, IByteDot
    {
        var activations = Vector256.Load(x.TokenValues(token) + block * 32);
        var dot = Avx.ConvertToVector256Single(TD.Dot(codes, activations));
        var sum = Avx.ConvertToVector256Single(TD.Dot(ones, activations));
        var d = Vector256.Create(x.TokenScales(token)[block]);
        return Fma.MultiplyAdd(Fma.MultiplyAddNegated(sum, groupOffset, dot * groupScale), d, acc);
    }
}
