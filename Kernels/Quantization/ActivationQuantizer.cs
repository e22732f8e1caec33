using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Quantization;

/// <summary>Quantises float activations to 8-bit blocks of 32 (scale = max|x|/127, round to nearest even); every path gives identical bytes.</summary>
public static unsafe class ActivationQuantizer
{
    /// <summary>Quantises <paramref name="tokens"/> rows of <paramref name="columns"/> floats (row stride <paramref name="ldx"/>) into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Quantize(float* x, int ldx, int tokens, int columns, QuantizedActivations output, SimdLevel level = SimdLevel.Auto)
    {
        if (columns % 32 != 0)
            throw new ArgumentException($"8-bit activation blocks need a multiple of 32 columns; got {columns}.", nameof(columns));
        level = Simd.Resolve(level);
        for (var t = 0; t < tokens; t++)
        {
            var row = x + (long)t * ldx;
            var q = output.TokenValues(t);
            var d = output.TokenScales(t);
            for (var b = 0; b < columns / 32; b++)
                QuantizeBlock(row + b * 32, q + b * 32, d + b, level);
        }
    }

    /// <summary>One block of 32: 32 bytes at <paramref name="q"/> and its scale at <paramref name="d"/>; every path gives identical bytes.</summary>
    internal static void QuantizeBlock(float* x, sbyte* q, float* d, SimdLevel level)
    {
        if (level == SimdLevel.Vector512)
            QuantizeBlock512(x, q, d);
        else
            QuantizeBlockScalar(x, q, d);
    }

    private static void QuantizeBlock512(float* x, sbyte* q, float* d)
    {
        var v0 = Vector512.Load(x);
        var v1 = Vector512.Load(x + 16);
        var amax = Vector512.Max(Vector512.Abs(v0), Vector512.Abs(v1));
        var m = Vector256.Max(amax.GetLower(), amax.GetUpper());
        var m128 = Vector128.Max(m.GetLower(), m.GetUpper());
        var max = MathF.Max(MathF.Max(m128[0], m128[1]), MathF.Max(m128[2], m128[3]));
        var scale = max / 127f;
        var inverse = Vector512.Create(scale != 0 ? 1f / scale : 0f);
        *d = scale;
        var i0 = Vector512.ConvertToInt32(Vector512.Round(v0 * inverse));
        var i1 = Vector512.ConvertToInt32(Vector512.Round(v1 * inverse));
        var s = Vector512.Narrow(i0, i1);
        Vector256.Narrow(s.GetLower(), s.GetUpper()).Store(q);
    }

    private static void QuantizeBlockScalar(float* x, sbyte* q, float* d)
    {
        var max = 0f;
        for (var i = 0; i < 32; i++) max = MathF.Max(max, MathF.Abs(x[i]));
        var scale = max / 127f;
        var inverse = scale != 0 ? 1f / scale : 0f;
        *d = scale;
        for (var i = 0; i < 32; i++) q[i] = (sbyte)(int)MathF.Round(x[i] * inverse);
    }
}
