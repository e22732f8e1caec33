using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Quantises float activations to <see cref="SuperBlockActivations"/>: scale = max|x|/(127·4) per 256 values, each
/// 32-value block's multiplier k = ⌈4·max|block|/max|x|⌉ (at least 1), q = x/(k·scale) rounded to nearest even, exact
/// int16 sums of k·q per 16; every path gives identical bytes, multipliers and sums.
/// </summary>
public static unsafe class SuperBlockQuantizer
{
    private const int Blocks = SuperBlockActivations.SuperBlock / SuperBlockActivations.Block;

    /// <summary>Quantises <paramref name="tokens"/> rows of <paramref name="columns"/> floats (row stride <paramref name="ldx"/>) into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Quantize(float* x, int ldx, int tokens, int columns, SuperBlockActivations output, SimdLevel level = SimdLevel.Auto)
    {
        if (columns % SuperBlockActivations.SuperBlock != 0)
            throw new ArgumentException($"8-bit super-block activations need a multiple of 256 columns; got {columns}.", nameof(columns));
        if (tokens > output.Tokens || columns != output.Columns)
            throw new ArgumentException($"output holds {output.Tokens} tokens of {output.Columns} columns; asked for {tokens} of {columns}.", nameof(output));
        var simd = Simd.Resolve(level) != SimdLevel.Scalar;
        var amax = stackalloc float[Blocks];
        var inverse = stackalloc float[Blocks];
        for (var t = 0; t < tokens; t++)
        {
            var row = x + (long)t * ldx;
            for (var s = 0; s < columns / SuperBlockActivations.SuperBlock; s++)
            {
                var o = s * SuperBlockActivations.SuperBlock;
                var values = row + o;
                for (var b = 0; b < Blocks; b++) amax[b] = simd ? BlockMax(values + 32 * b) : BlockMaxScalar(values + 32 * b);
                var k = output.TokenMultipliers(t) + s * Blocks;
                output.TokenScales(t)[s] = Multipliers(amax, k, inverse);
                var q = output.TokenValues(t) + o;
                var sums = output.TokenSums(t) + s * 16;
                for (var g = 0; g < 16; g++)
                {
                    var sum = simd ? Group(values + 16 * g, inverse[g / 2], q + 16 * g) : GroupScalar(values + 16 * g, inverse[g / 2], q + 16 * g);
                    sums[g] = (short)(k[g / 2] * sum);
                }
            }
        }
    }

    /// <summary>The super-block's scale; each block's multiplier and 1/(k·scale), in scalar float so every path agrees.</summary>
    private static float Multipliers(float* amax, short* k, float* inverse)
    {
        var max = 0f;
        for (var b = 0; b < Blocks; b++) max = MathF.Max(max, amax[b]);
        var scale = max / (127f * SuperBlockActivations.MaxMultiplier);
        for (var b = 0; b < Blocks; b++)
        {
            k[b] = (short)(max == 0 ? 1 : Math.Clamp((int)MathF.Ceiling(SuperBlockActivations.MaxMultiplier * amax[b] / max), 1, SuperBlockActivations.MaxMultiplier));
            inverse[b] = scale != 0 ? 1f / (k[b] * scale) : 0f;
        }
        return scale;
    }

    private static float BlockMax(float* x)
    {
        var m = Vector256.Max(Vector256.Max(Vector256.Abs(Vector256.Load(x)), Vector256.Abs(Vector256.Load(x + 8))),
            Vector256.Max(Vector256.Abs(Vector256.Load(x + 16)), Vector256.Abs(Vector256.Load(x + 24))));
        var h = Vector128.Max(m.GetLower(), m.GetUpper());
        return MathF.Max(MathF.Max(h[0], h[1]), MathF.Max(h[2], h[3]));
    }

    private static float BlockMaxScalar(float* x)
    {
        var max = 0f;
        for (var i = 0; i < 32; i++) max = MathF.Max(max, MathF.Abs(x[i]));
        return max;
    }

    /// <summary>Rounds 16 values; clamped because rounding of k·scale may leave the block's peak a hair past 127.</summary>
    private static int Group(float* x, float inverse, sbyte* q)
    {
        var limit = Vector256.Create(127);
        var scale = Vector256.Create(inverse);
        var i0 = Vector256.Clamp(Vector256.ConvertToInt32Native(Vector256.Round(Vector256.Load(x) * scale)), -limit, limit);
        var i1 = Vector256.Clamp(Vector256.ConvertToInt32Native(Vector256.Round(Vector256.Load(x + 8) * scale)), -limit, limit);
        var words = Vector256.Narrow(i0, i1);
        Vector128.Narrow(words.GetLower(), words.GetUpper()).Store(q);
        return Vector256.Sum(i0 + i1);
    }

    private static int GroupScalar(float* x, float inverse, sbyte* q)
    {
        var sum = 0;
        for (var i = 0; i < 16; i++)
        {
            var v = Math.Clamp((int)MathF.Round(x[i] * inverse), -127, 127);
            q[i] = (sbyte)v;
            sum += v;
        }
        return sum;
    }
}
