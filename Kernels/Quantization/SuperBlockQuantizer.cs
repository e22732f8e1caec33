using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Quantises float activations to <see cref="SuperBlockActivations"/> (scale = max|x|/127 per 256 values, round to
/// nearest even, exact int16 sums per 16); every path gives identical bytes and sums.
/// </summary>
public static unsafe class SuperBlockQuantizer
{
    /// <summary>Quantises <paramref name="tokens"/> rows of <paramref name="columns"/> floats (row stride <paramref name="ldx"/>) into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Quantize(float* x, int ldx, int tokens, int columns, SuperBlockActivations output, SimdLevel level = SimdLevel.Auto)
    {
        if (columns % SuperBlockActivations.SuperBlock != 0)
            throw new ArgumentException($"8-bit super-block activations need a multiple of 256 columns; got {columns}.", nameof(columns));
        if (tokens > output.Tokens || columns != output.Columns)
            throw new ArgumentException($"output holds {output.Tokens} tokens of {output.Columns} columns; asked for {tokens} of {columns}.", nameof(output));
        var simd = Simd.Resolve(level) != SimdLevel.Scalar;
        for (var t = 0; t < tokens; t++)
        {
            var row = x + (long)t * ldx;
            var q = output.TokenValues(t);
            var d = output.TokenScales(t);
            var sums = output.TokenSums(t);
            for (var s = 0; s < columns / SuperBlockActivations.SuperBlock; s++)
            {
                var o = s * SuperBlockActivations.SuperBlock;
                if (simd)
                    Quantize256(row + o, q + o, d + s, sums + s * 16);
                else
                    QuantizeScalar(row + o, q + o, d + s, sums + s * 16);
            }
        }
    }

    private static void Quantize256(float* x, sbyte* q, float* d, short* sums)
    {
        var amax = Vector256<float>.Zero;
        for (var i = 0; i < 256; i += 8) amax = Vector256.Max(amax, Vector256.Abs(Vector256.Load(x + i)));
        var m = Vector128.Max(amax.GetLower(), amax.GetUpper());
        var max = MathF.Max(MathF.Max(m[0], m[1]), MathF.Max(m[2], m[3]));
        var scale = max / 127f;
        var inverse = Vector256.Create(scale != 0 ? 1f / scale : 0f);
        *d = scale;
        for (var g = 0; g < 16; g++)
        {
            var i0 = Vector256.ConvertToInt32Native(Vector256.Round(Vector256.Load(x + 16 * g) * inverse));
            var i1 = Vector256.ConvertToInt32Native(Vector256.Round(Vector256.Load(x + 16 * g + 8) * inverse));
            sums[g] = (short)Vector256.Sum(i0 + i1);
            var words = Vector256.Narrow(i0, i1);
            Vector128.Narrow(words.GetLower(), words.GetUpper()).Store(q + 16 * g);
        }
    }

    private static void QuantizeScalar(float* x, sbyte* q, float* d, short* sums)
    {
        var max = 0f;
        for (var i = 0; i < 256; i++) max = MathF.Max(max, MathF.Abs(x[i]));
        var scale = max / 127f;
        var inverse = scale != 0 ? 1f / scale : 0f;
        *d = scale;
        for (var g = 0; g < 16; g++)
        {
            var sum = 0;
            for (var i = 16 * g; i < 16 * g + 16; i++)
            {
                var v = (int)MathF.Round(x[i] * inverse);
                q[i] = (sbyte)v;
                sum += v;
            }
            sums[g] = (short)sum;
        }
    }
}
