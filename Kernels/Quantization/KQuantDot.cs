using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Dot products of K-quant weight rows with 8-bit activation rows, without expanding the weights to floats: per 32-value
/// chunk, the unsigned codes times the signed activations (one unsigned×signed dot) scaled per 16-value group, less the
/// activations' group sums times the group offset. Codes fit in 6 bits, so the 16-bit pair sums cannot saturate.
/// </summary>
public static unsafe class KQuantDot
{
    /// <summary>Floats of scratch <see cref="Rows"/> needs: per token and 32-value block, 8 lanes of scaled activation sums.</summary>
    public static long ScratchFloats(int tokens, int columns) => (long)tokens * (columns / 32) * 8;

    /// <summary>
    /// y[t·ldy + n] = row n · token t, four tokens per pass over a super-block's unpacked scales. The activations' group
    /// sums are computed once per call into <paramref name="scratch"/> (<see cref="ScratchFloats"/> floats), not per row.
    /// </summary>
    internal static void Rows(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy,
        bool simd, bool vnni, float* scratch)
    {
        switch (w.Type)
        {
            case WeightType.Q4_K: Dispatch<Q4_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, simd, vnni, scratch); break;
            case WeightType.Q5_K: Dispatch<Q5_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, simd, vnni, scratch); break;
            case WeightType.Q6_K: Dispatch<Q6_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, simd, vnni, scratch); break;
            default: throw new ArgumentException($"{w.Type} is not a K-quant weight type.");
        }
    }

    private static void Dispatch<TB>(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy,
        bool simd, bool vnni, float* scratch) where TB : struct, IKQuantBlock
    {
        if (!simd) RowsScalar<TB>(w, start, end, x, firstToken, endToken, y, ldy);
        else if (vnni) Rows<TB, VnniDot>(w, start, end, x, firstToken, endToken, y, ldy, scratch);
        else Rows<TB, MaddDot>(w, start, end, x, firstToken, endToken, y, ldy, scratch);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TB, TD>(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy, float* scratch)
        where TB : struct, IKQuantBlock where TD : struct, IByteDot
    {
        var sums = (Vector256<float>*)scratch;
        var ones = Vector256.Create((byte)1);
        for (var t = firstToken; t < endToken; t++)
            for (var b = 0; b < x.Blocks; b++)
            {
                var dot = TD.Dot(ones, Vector256.Load(x.TokenValues(t) + b * 32));
                sums[(t - firstToken) * x.Blocks + b] = Avx.ConvertToVector256Single(dot) * Vector256.Create(x.TokenScales(t)[b]);
            }
        var results = stackalloc float[4];
        var superBlocks = x.Columns / 256;
        for (var n = start; n < end; n++)
        {
            var row = w.Row(n);
            for (var t = firstToken; t < endToken; t += 4)
            {
                var count = Math.Min(4, endToken - t);
                Dot<TB, TD>(row, superBlocks, x, t, count, sums + (t - firstToken) * x.Blocks, results);
                for (var i = 0; i < count; i++) y[(long)(t + i) * ldy + n] = results[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot<TB, TD>(byte* row, int superBlocks, QuantizedActivations x, int firstToken, int count, Vector256<float>* sums, float* results)
        where TB : struct, IKQuantBlock where TD : struct, IByteDot
    {
        var scale = stackalloc float[16];
        var min = stackalloc float[16];
        var blocks = x.Blocks;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var s = 0; s < superBlocks; s++)
        {
            var block = row + (long)s * TB.Bytes;
            TB.Scales(block, scale, min);
            for (var c = 0; c < 8; c++)
            {
                var codes = TB.Codes(block, c);
                // Lanes 0-3 of an unsigned×signed dot sum values 0-15 of the chunk, lanes 4-7 values 16-31: one group each.
                var groupScale = Vector256.Create(Vector128.Create(scale[2 * c]), Vector128.Create(scale[2 * c + 1]));
                var groupOffset = Vector256.Create(Vector128.Create(min[2 * c]), Vector128.Create(min[2 * c + 1])) + groupScale * Vector256.Create((float)TB.CodeBias);
                var b = s * 8 + c;
                a0 = Term<TD>(codes, x, firstToken, b, groupScale, groupOffset, sums[b], a0);
                if (count > 1) a1 = Term<TD>(codes, x, firstToken + 1, b, groupScale, groupOffset, sums[blocks + b], a1);
                if (count > 2) a2 = Term<TD>(codes, x, firstToken + 2, b, groupScale, groupOffset, sums[2 * blocks + b], a2);
                if (count > 3) a3 = Term<TD>(codes, x, firstToken + 3, b, groupScale, groupOffset, sums[3 * blocks + b], a3);
            }
        }
        results[0] = Vector256.Sum(a0);
        results[1] = Vector256.Sum(a1);
        results[2] = Vector256.Sum(a2);
        results[3] = Vector256.Sum(a3);
    }

    /// <summary>acc + d·(dot·scale) − (d·Σx)·offset for one chunk of one token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Term<TD>(Vector256<byte> codes, QuantizedActivations x, int token, int block,
        Vector256<float> groupScale, Vector256<float> groupOffset, Vector256<float> scaledSums, Vector256<float> acc) where TD : struct, IByteDot
    {
        var dot = Avx.ConvertToVector256Single(TD.Dot(codes, Vector256.Load(x.TokenValues(token) + block * 32)));
        var d = Vector256.Create(x.TokenScales(token)[block]);
        return Fma.MultiplyAddNegated(scaledSums, groupOffset, Fma.MultiplyAdd(dot, groupScale * d, acc));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowsScalar<TB>(in WeightMatrix w, int start, int end, QuantizedActivations x, int firstToken, int endToken, float* y, int ldy)
        where TB : struct, IKQuantBlock
    {
        var values = stackalloc float[256];
        for (var n = start; n < end; n++)
        {
            var row = w.Row(n);
            for (var t = firstToken; t < endToken; t++)
            {
                var q = x.TokenValues(t);
                var d = x.TokenScales(t);
                var sum = 0f;
                for (var s = 0; s < x.Columns / 256; s++)
                {
                    TB.Decode(row + (long)s * TB.Bytes, values);
                    for (var c = 0; c < 8; c++)
                    {
                        var chunk = 0f;
                        for (var e = 0; e < 32; e++) chunk += values[32 * c + e] * q[256 * s + 32 * c + e];
                        sum += chunk * d[8 * s + c];
                    }
                }
                y[(long)t * ldy + n] = sum;
            }
        }
    }
}
